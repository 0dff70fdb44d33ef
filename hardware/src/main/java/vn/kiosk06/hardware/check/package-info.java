/** A command-line check that configured devices are present and answer. */
package vn.kiosk06.hardware.check;
