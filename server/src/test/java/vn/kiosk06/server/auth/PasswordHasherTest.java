package vn.kiosk06.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void hash_isArgon2idNotThePassword_andVerifiesOnlyTheSamePassword() {
        String hash = hasher.hash("mật khẩu đủ dài 2026".toCharArray());

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("mật khẩu");
        assertThat(hasher.verify("mật khẩu đủ dài 2026".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("mật khẩu đủ dài 2027".toCharArray(), hash)).isFalse();
    }

    @Test
    void samePassword_hashesDifferently_eachTime() {
        assertThat(hasher.hash("same password here".toCharArray())).isNotEqualTo(hasher.hash("same password here".toCharArray()));
    }

    @Test
    void hashWithOtherCost_stillVerifies_fromItsOwnParameters() {
        String cheap = new PasswordHasher(new SecureRandom(), 64, 1, 1).hash("pw with another cost".toCharArray());

        assertThat(cheap).contains("$m=64,t=1,p=1$");
        assertThat(hasher.verify("pw with another cost".toCharArray(), cheap)).isTrue();
    }

    @Test
    void malformedHash_neverVerifies() {
        assertThat(hasher.verify("x".toCharArray(), "plaintext")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
    }
}
