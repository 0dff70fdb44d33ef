package vn.kiosk06.hardware.serial;

import com.fazecast.jSerialComm.SerialPort;

/** Serial parity. */
public enum Parity {
    NONE(SerialPort.NO_PARITY),
    ODD(SerialPort.ODD_PARITY),
    EVEN(SerialPort.EVEN_PARITY);

    final int jSerialComm;

    Parity(int jSerialComm) {
        this.jSerialComm = jSerialComm;
    }
}
