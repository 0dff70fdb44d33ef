package vn.kiosk06.hardware.gpio;

import java.util.Objects;

/**
 * Green / amber / red status light: exactly one colour lit at a time. Thread-safe: {@link #show} is synchronized
 * so two callers cannot leave two colours lit.
 */
public final class StatusLight {
    private final OutputLine green;
    private final OutputLine amber;
    private final OutputLine red;
    private LightState state = LightState.OFF;

    public StatusLight(OutputLine green, OutputLine amber, OutputLine red) {
        this.green = Objects.requireNonNull(green, "green");
        this.amber = Objects.requireNonNull(amber, "amber");
        this.red = Objects.requireNonNull(red, "red");
    }

    /** Shows {@code newState}. */
    public synchronized void show(LightState newState) {
        Objects.requireNonNull(newState, "newState");
        // Switch the others off first so two colours are never lit together, even for a moment.
        if (newState != LightState.GREEN) {
            green.set(false);
        }
        if (newState != LightState.AMBER) {
            amber.set(false);
        }
        if (newState != LightState.RED) {
            red.set(false);
        }
        switch (newState) {
            case GREEN -> green.set(true);
            case AMBER -> amber.set(true);
            case RED -> red.set(true);
            case OFF -> { }
        }
        state = newState;
    }

    /** Shows the state for the given situation (see {@link LightState#of}). */
    public void update(boolean readersConnected, boolean error, long backlog) {
        show(LightState.of(readersConnected, error, backlog));
    }

    /** The state last shown. */
    public synchronized LightState state() {
        return state;
    }
}
