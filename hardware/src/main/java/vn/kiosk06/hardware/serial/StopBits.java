package vn.kiosk06.hardware.serial;

import com.fazecast.jSerialComm.SerialPort;

/** Serial stop bits. */
public enum StopBits {
    ONE(SerialPort.ONE_STOP_BIT),
    ONE_POINT_FIVE(SerialPort.ONE_POINT_FIVE_STOP_BITS),
    TWO(SerialPort.TWO_STOP_BITS);

    final int jSerialComm;

    StopBits(int jSerialComm) {
        this.jSerialComm = jSerialComm;
    }
}
