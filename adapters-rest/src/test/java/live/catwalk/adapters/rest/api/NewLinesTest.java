package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewLinesTest {

    @Test
    void everythingIsNewWhenNothingWasSeenBefore() {
        assertEquals(List.of("a", "b"), NewLines.after(List.of(), List.of("a", "b")));
        assertEquals(List.of(), NewLines.after(List.of(), List.of()));
    }

    @Test
    void theSameTailHasNothingNew() {
        assertEquals(List.of(), NewLines.after(List.of("a", "b"), List.of("a", "b")));
    }

    @Test
    void linesAppendedAfterTheSeenOnesAreNew() {
        assertEquals(List.of("c", "d"), NewLines.after(List.of("a", "b"), List.of("a", "b", "c", "d")));
    }

    @Test
    void aRingBufferThatDroppedItsOldestLinesStillYieldsOnlyTheAddedOnes() {
        assertEquals(List.of("d", "e"), NewLines.after(List.of("a", "b", "c"), List.of("c", "d", "e")));
        assertEquals(List.of("e"), NewLines.after(List.of("a", "b", "c", "d"), List.of("b", "c", "d", "e")));
    }

    @Test
    void aRepeatedIdenticalLineCountsEachTime() {
        assertEquals(List.of("x"), NewLines.after(List.of("x", "x"), List.of("x", "x", "x")));
        assertEquals(List.of("x", "x"), NewLines.after(List.of("a", "x"), List.of("a", "x", "x", "x")));
    }

    @Test
    void aBufferThatTurnedOverCompletelyIsAllNew() {
        assertEquals(List.of("x", "y"), NewLines.after(List.of("a", "b"), List.of("x", "y")));
    }
}
