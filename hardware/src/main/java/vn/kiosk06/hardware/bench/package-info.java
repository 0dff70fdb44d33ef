/** Benchmarks that print figures; not run by the test suite. */
package vn.kiosk06.hardware.bench;
