package live.catwalk.adapters.llm.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RawTextTest {

    @Test
    void aCutThroughAnyCharacterDropsThatCharacterOnly() {
        for (String character : new String[] {"é", "€", "😀"}) {
            byte[] whole = ("ab" + character).getBytes(StandardCharsets.UTF_8);
            for (int cut = 3; cut < whole.length; cut++) {
                assertEquals("ab", RawText.of(Arrays.copyOf(whole, cut), true), character + " cut at " + cut);
            }
            assertEquals("ab" + character, RawText.of(whole, true), character + " whole");
        }
    }

    @Test
    void malformedBytesAreReplacedWhetherCutOrNot() {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0x80};

        assertEquals("a\uFFFDb\uFFFD", RawText.of(bytes, false));
        assertEquals("a\uFFFDb\uFFFD", RawText.of(bytes, true));
    }

    @Test
    void anUncutBodyKeepsAnIncompleteEndAsAReplacement() {
        assertEquals("a\uFFFD", RawText.of(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, false));
    }

    @Test
    void emptyAndAsciiBodiesAreAsTheyAre() {
        assertEquals("", RawText.of(new byte[0], true));
        assertEquals("abc", RawText.of("abc".getBytes(StandardCharsets.UTF_8), true));
    }
}
