package vn.kiosk06.server.auth;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of a refused request: the status and what to do about it.
 *
 * @param retryAfterSeconds for a locked log-in, how long until the next attempt is allowed; else 0
 */
@Serdeable
public record AuthError(int status, String error, long retryAfterSeconds) {

    public AuthError(int status, String error) {
        this(status, error, 0);
    }
}
