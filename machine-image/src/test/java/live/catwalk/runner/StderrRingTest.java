package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StderrRingTest {

    @Test
    void keepsOnlyTheNewestLinesOldestFirst() {
        StderrRing ring = new StderrRing(3, 1_000);
        List.of("1", "2", "3", "4", "5").forEach(ring::add);

        assertEquals(List.of("3", "4", "5"), ring.last(10));
        assertEquals(List.of("4", "5"), ring.last(2));
        assertEquals(List.of(), ring.last(0));
    }

    @Test
    void dropsOldLinesToStayWithinTheCharacterBound() {
        StderrRing ring = new StderrRing(100, 10);
        List.of("aaaa", "bbbb", "cccc").forEach(ring::add);

        assertEquals(List.of("bbbb", "cccc"), ring.last(10));
    }

    @Test
    void cutsALineLongerThanTheWholeBound() {
        StderrRing ring = new StderrRing(100, 10);
        ring.add("0123456789abcdef");

        assertEquals(List.of("0123456789"), ring.last(10));
    }

    @Test
    void refusesANegativeCount() {
        assertThrows(IllegalArgumentException.class, () -> new StderrRing(1, 1).last(-1));
    }

    @Test
    void aGenerationsLinesAreThoseAddedSinceItsMark() {
        StderrRing ring = new StderrRing(100, 10_000);
        ring.add("first run");
        long mark = ring.added();

        assertEquals(List.of(), ring.lastSince(5, mark), "a generation that wrote nothing shows nothing");
        ring.add("a");
        ring.add("b");
        assertEquals(List.of("a", "b"), ring.lastSince(5, mark));
        assertEquals(List.of("b"), ring.lastSince(1, mark));
    }
}
