/**
 * Serial transport on jSerialComm: {@link vn.kiosk06.hardware.serial.SerialFrameReader} reads delimited frames on
 * its own daemon thread and survives unplug/replug; {@link vn.kiosk06.hardware.serial.SerialLine} is a plain
 * blocking port for request/response devices (printer) and the simulator. The transport only moves bytes; parsing
 * happens in the qr and chip packages.
 */
package vn.kiosk06.hardware.serial;
