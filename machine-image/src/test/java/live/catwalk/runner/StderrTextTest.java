package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StderrTextTest {

    @Test
    void aCarriageReturnCannotForgeALogLine() {
        assertEquals("x\\r2026-12-04T00:00:00.000Z ERROR Main: forged by a server",
                StderrText.escape("x\r2026-12-04T00:00:00.000Z ERROR Main: forged by a server", 1000));
    }

    @Test
    void terminalEscapesAreShownNotObeyed() {
        assertEquals("\\x1b[2J\\x1b[31mred\\x07\\x00\\x7f", StderrText.escape("\u001b[2J\u001b[31mred\u0007\u0000\u007f", 1000));
        assertEquals("\\u009b31m C1 \\u0085 next line", StderrText.escape("\u009b31m C1 \u0085 next line", 1000));
        assertEquals("a\\nb", StderrText.escape("a\nb", 1000));
    }

    @Test
    void unicodeLineSeparatorsAndBidiOverridesAreEscapedButOtherTextStays() {
        assertEquals("a\\u2028b\\u202egnp.exe", StderrText.escape("a\u2028b\u202egnp.exe", 1000));
        assertEquals("\tat café ünïcödé → 日本", StderrText.escape("\tat café ünïcödé → 日本", 1000));
    }

    @Test
    void aLongLineIsCutWithAMarkerAndNeverSplitsAnEscape() {
        assertEquals("abc" + StderrText.CUT, StderrText.escape("abcdef", 3));
        assertEquals("ab" + StderrText.CUT, StderrText.escape("ab\u001bcd", 5));
        assertEquals("x".repeat(2048) + StderrText.CUT, StderrText.escape("x".repeat(8000), 2048));
    }
}
