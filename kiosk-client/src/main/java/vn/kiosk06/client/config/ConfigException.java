package vn.kiosk06.client.config;

/** A configuration file or value was refused; the message names the file, key and problem. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
