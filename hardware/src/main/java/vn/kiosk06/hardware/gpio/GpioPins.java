package vn.kiosk06.hardware.gpio;

import java.time.Duration;
import java.util.Objects;

/**
 * Which BCM pins the light, buzzer and button use, and their polarity.
 *
 * @param green            BCM pin of the green LED
 * @param amber            BCM pin of the amber LED
 * @param red              BCM pin of the red LED
 * @param buzzer           BCM pin of the buzzer
 * @param button           BCM pin of the sync button
 * @param lightsActiveHigh true if an LED lights when its pin is HIGH (false for LEDs wired to 3.3 V, lit on LOW)
 * @param buzzerActiveHigh true if the buzzer sounds on HIGH
 * @param buttonActiveLow  true if the button pulls the pin LOW when pressed (internal pull-up wiring)
 * @param debounce         presses closer than this count once
 */
public record GpioPins(
        int green,
        int amber,
        int red,
        int buzzer,
        int button,
        boolean lightsActiveHigh,
        boolean buzzerActiveHigh,
        boolean buttonActiveLow,
        Duration debounce) {

    /** The lowest BCM pin on the 40-pin header. */
    public static final int MIN_PIN = 0;
    /** The highest BCM pin on the 40-pin header. */
    public static final int MAX_PIN = 27;
    /** Default BCM pins: header pins 11, 13, 15, 12 and 16. */
    public static final int DEFAULT_GREEN = 17;
    public static final int DEFAULT_AMBER = 27;
    public static final int DEFAULT_RED = 22;
    public static final int DEFAULT_BUZZER = 18;
    public static final int DEFAULT_BUTTON = 23;

    public GpioPins {
        Objects.requireNonNull(debounce, "debounce");
        String[] roles = {"green", "amber", "red", "buzzer", "button"};
        int[] numbers = {green, amber, red, buzzer, button};
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] < MIN_PIN || numbers[i] > MAX_PIN) {
                throw new IllegalArgumentException(roles[i] + " pin must be BCM " + MIN_PIN + "–" + MAX_PIN + ", was "
                        + numbers[i]);
            }
        }
        if (java.util.stream.IntStream.of(green, amber, red, buzzer, button).distinct().count() != 5) {
            throw new IllegalArgumentException("pins must be distinct, were " + green + "," + amber + "," + red + ","
                    + buzzer + "," + button);
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must be ≥ 0, was " + debounce);
        }
    }

    /** Green 17, amber 27, red 22, buzzer 18, button 23; LEDs and buzzer active-high, button to ground; 50 ms. */
    public static GpioPins defaults() {
        return new GpioPins(DEFAULT_GREEN, DEFAULT_AMBER, DEFAULT_RED, DEFAULT_BUZZER, DEFAULT_BUTTON, true, true, true,
                Duration.ofMillis(50));
    }
}
