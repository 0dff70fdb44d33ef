/**
 * The device app's hardware wiring: opens the readers and printer named in the device's configuration, turns
 * every card reading into a {@code CardRead} event in the journal, drives the status light, buzzer and sync button,
 * and offers the readings to the screens through {@link vn.kiosk06.client.hardware.ReaderEvents}. The drivers
 * themselves live in the {@code hardware} module; raw personal data never gets this far.
 */
package vn.kiosk06.client.hardware;
