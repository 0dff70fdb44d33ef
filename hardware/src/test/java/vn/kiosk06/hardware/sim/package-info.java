/**
 * A reader simulator for development and tests: {@link vn.kiosk06.hardware.sim.ReaderSimulator} writes QR or chip
 * frames to a serial port, and {@link vn.kiosk06.hardware.sim.SyntheticPeople} generates consistent synthetic
 * citizens whose raw data tests can grep for.
 */
package vn.kiosk06.hardware.sim;
