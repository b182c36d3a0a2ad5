package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres://catwalk:pw@db.internal:6543/catwalk",
            "postgresql://catwalk:pw@db.internal:6543/catwalk",
            "jdbc:postgresql://catwalk:pw@db.internal:6543/catwalk"})
    void acceptsAllThreeForms(String given) {
        DatabaseUrl url = DatabaseUrl.parse(given);

        assertEquals("jdbc:postgresql://db.internal:6543/catwalk", url.jdbcUrl());
        assertEquals(Optional.of("catwalk"), url.user());
        assertEquals(Optional.of("pw"), url.password());
        assertTrue(url.isPostgres());
    }

    @Test
    void takesCredentialsFromTheQueryOfAJdbcUrlAndKeepsTheOtherParameters() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://db:5432/catwalk?user=app&sslmode=require&password=p%40ss&currentSchema=cw");

        assertEquals("jdbc:postgresql://db:5432/catwalk?sslmode=require&currentSchema=cw", url.jdbcUrl());
        assertEquals(Optional.of("app"), url.user());
        assertEquals(Optional.of("p@ss"), url.password());
        assertEquals(Optional.of("cw"), url.currentSchema());
    }

    @Test
    void decodesAPercentEncodedUserAndPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://us%3Aer:p%40s%3As%2Fw+rd%25@db/catwalk?sslmode=verify-full");

        assertEquals(Optional.of("us:er"), url.user());
        assertEquals(Optional.of("p@s:s/w+rd%"), url.password());
        assertEquals("jdbc:postgresql://db:5432/catwalk?sslmode=verify-full", url.jdbcUrl());
    }

    @Test
    void keepsAnUnencodedAtSignOrColonInThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:a:b@c@db:5433/catwalk");

        assertEquals(Optional.of("a:b@c"), url.password());
        assertEquals("jdbc:postgresql://db:5433/catwalk", url.jdbcUrl());
    }

    @Test
    void defaultsThePortTo5432AndAllowsNoCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost/catwalk");

        assertEquals("jdbc:postgresql://localhost:5432/catwalk", url.jdbcUrl());
        assertEquals(Optional.empty(), url.user());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void acceptsABracketedIpv6Host() {
        assertEquals("jdbc:postgresql://[::1]:5432/catwalk", DatabaseUrl.parse("postgres://[::1]/catwalk").jdbcUrl());
    }

    @Test
    void redactsThePasswordInToString() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:hunter2@db:5432/catwalk?sslmode=require");

        assertEquals("postgresql://app:***@db:5432/catwalk?sslmode=require", url.toString());
        assertEquals(url.toString(), url.redacted());
        assertFalse(url.toString().contains("hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "mysql://app:hunter2@db/catwalk", "hunter2", "postgres://app:hunter2@db",
            "postgres://app:hunter2@db/", "postgres://app:hunter2@/catwalk", "postgres://app:hunter2@db:port/catwalk",
            "postgres://app:hunter2@db:70000/catwalk", "postgres://app:hunter2@db1,db2/catwalk",
            "postgres://app:hunter2%zz@db/catwalk", "jdbc:postgresql:catwalk?password=hunter2"})
    void refusesWhatItCannotUseWithoutRepeatingThePassword(String given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(given));

        assertAll(() -> assertFalse(e.getMessage().contains("hunter2"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("postgres://user:password@host:5432/database"),
                        e.getMessage()));
    }

    @Test
    void namesWhatIsMissing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://app@db"))
                .getMessage().contains("names no database"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://app@/x"))
                .getMessage().contains("names no host"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://db:x/y"))
                .getMessage().contains("port"));
    }

    @Test
    void pointsH2AtAFileInTheDirectoryInPostgresMode() {
        DatabaseUrl url = DatabaseUrl.h2File(Path.of("/var/lib/catwalk"));

        assertEquals("jdbc:h2:file:/var/lib/catwalk/catwalk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0", url.jdbcUrl());
        assertFalse(url.isPostgres());
        assertEquals(Optional.empty(), url.password());
    }
}
