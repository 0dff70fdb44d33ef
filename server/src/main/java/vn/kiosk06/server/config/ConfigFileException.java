package vn.kiosk06.server.config;

/** A configuration file or value was refused; the message names the file, line, key and problem. */
public final class ConfigFileException extends RuntimeException {

    public ConfigFileException(String message) {
        super(message);
    }
}
