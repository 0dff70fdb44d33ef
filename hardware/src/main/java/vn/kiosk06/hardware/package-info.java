/** Device drivers (serial readers, GPIO, printer) and pure parsers for what readers send. */
package vn.kiosk06.hardware;
