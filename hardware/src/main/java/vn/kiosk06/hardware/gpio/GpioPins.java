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

    public GpioPins {
        Objects.requireNonNull(debounce, "debounce");
        for (int pin : new int[] {green, amber, red, buzzer, button}) {
            if (pin < 0 || pin > 27) {
                throw new IllegalArgumentException("BCM pin must be 0..27, was " + pin);
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
        return new GpioPins(17, 27, 22, 18, 23, true, true, true, Duration.ofMillis(50));
    }
}
