package vn.kiosk06.server.auth;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** The randomness and the password hash the log-in parts share. */
@Factory
final class AuthBeans {

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Singleton
    PasswordHasher passwordHasher(SecureRandom random) {
        return new PasswordHasher(random);
    }
}
