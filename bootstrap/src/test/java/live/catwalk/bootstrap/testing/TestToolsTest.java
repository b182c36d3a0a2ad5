package live.catwalk.bootstrap.testing;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** What a test sees when the tools cannot be installed, in CI and outside it. */
class TestToolsTest {

    private final TestTools.Outcome unavailable =
            new TestTools.Outcome(null, new ToolsUnavailableException("npm is not on PATH"));

    @Test
    void outsideCiTheTestIsAbortedWithTheReason() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> TestTools.orAbort(unavailable, false));

        assertTrue(e.getMessage().contains("npm is not on PATH"), e.getMessage());
    }

    @Test
    void inCiTheTestFailsWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestTools.orAbort(unavailable, true));

        assertTrue(e.getMessage().contains("npm is not on PATH"), e.getMessage());
        assertSame(unavailable.problem(), e.getCause());
    }
}
