package live.catwalk.core.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.Test;

class CatwalkExceptionTest {

    @Test
    void codeDefaultsToTheKindInLowerSnakeCase() {
        assertEquals("upstream_unavailable", CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "x").code());
        assertEquals("not_found", CatwalkException.notFound("no such deployment").code());
    }

    @Test
    void invalidInputCarriesFieldAndHint() {
        CatwalkException e = CatwalkException.invalidInput("CATWALK_PORT", "'x' is not a number", "an integer 0-65535");

        assertEquals(Kind.INVALID_INPUT, e.kind());
        assertEquals(Optional.of("CATWALK_PORT"), e.field());
        assertEquals(Optional.of("an integer 0-65535"), e.hint());
        assertEquals("'x' is not a number", e.getMessage());
    }

    @Test
    void copiesKeepEverythingElse() {
        IllegalStateException cause = new IllegalStateException("boom");
        CatwalkException e = CatwalkException.of(Kind.NOT_FOUND, "gone")
                .withCode("session_not_found")
                .withHint("start a new session")
                .withField("Mcp-Session-Id")
                .withRetryAfter(Duration.ofSeconds(30))
                .withCause(cause);

        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals("session_not_found", e.code());
        assertEquals(Optional.of("start a new session"), e.hint());
        assertEquals(Optional.of("Mcp-Session-Id"), e.field());
        assertSame(cause, e.getCause());
        assertEquals("gone", e.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.withCode("other").retryAfter());
    }

    @Test
    void aRetryAfterIsPositive() {
        CatwalkException e = CatwalkException.of(Kind.LIMIT_EXCEEDED, "slow down");

        assertThrows(IllegalArgumentException.class, () -> e.withRetryAfter(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> e.withRetryAfter(Duration.ofSeconds(-1)));
    }

    @Test
    void optionalPartsAreEmptyWhenNotGiven() {
        CatwalkException e = CatwalkException.of(Kind.CONFLICT, "changed meanwhile");

        assertTrue(e.field().isEmpty());
        assertTrue(e.hint().isEmpty());
        assertTrue(e.retryAfter().isEmpty());
    }
}
