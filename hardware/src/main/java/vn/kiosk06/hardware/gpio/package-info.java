/**
 * GPIO on a Raspberry Pi handheld or kiosk (Pi4J 2.8.0): a three-colour {@link vn.kiosk06.hardware.gpio.StatusLight},
 * a {@link vn.kiosk06.hardware.gpio.Buzzer} and a debounced {@link vn.kiosk06.hardware.gpio.SyncButton}.
 * {@link vn.kiosk06.hardware.gpio.GpioFactory#open} returns real pins on a Pi and a no-op board elsewhere.
 */
package vn.kiosk06.hardware.gpio;
