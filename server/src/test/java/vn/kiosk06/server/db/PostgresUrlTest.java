package vn.kiosk06.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void libpqUrl_becomesAJdbcUrl_withTheCredentialsApart() {
        PostgresUrl url = PostgresUrl.parse("postgresql://kiosk06:s%40cret@db.example.vn:5433/kiosk06?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.vn:5433/kiosk06?sslmode=require");
        assertThat(url.user()).contains("kiosk06");
        assertThat(url.password()).contains("s@cret");
        assertThat(url.toString()).doesNotContain("cret");
    }

    @Test
    void jdbcUrl_isTakenAsItIs_andPrintedWithoutItsPassword() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/kiosk06?user=k&password=hunter2");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/kiosk06?user=k&password=hunter2");
        assertThat(url.user()).isEqualTo(Optional.empty());
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @Test
    void otherUrls_areRefusedNamingTheExpectedForms() {
        assertThatThrownBy(() -> PostgresUrl.parse("sqlite:/var/lib/kiosk06"))
                .hasMessage("database must be postgresql://user:pass@host:port/db or jdbc:postgresql://host:port/db, "
                        + "was sqlite:/var/lib/kiosk06");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:p@/kiosk06"))
                .hasMessageContaining("needs a host and a database name").hasMessageNotContaining("u:p@");
        assertThat(PostgresUrl.isPostgres("postgres://h/db")).isTrue();
        assertThat(PostgresUrl.isPostgres(null)).isFalse();
    }
}
