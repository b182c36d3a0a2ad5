package live.catwalk.core.mcp.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The versions offered to clients, their eras and the version spoken to children are separate things. */
class ProtocolVersionTest {

    @Test
    void clientsAreOfferedTheSessionful2025FamilyOnly() {
        assertEquals(List.of(ProtocolVersion.V2024_11_05, ProtocolVersion.V2025_03_26, ProtocolVersion.V2025_06_18,
                ProtocolVersion.V2025_11_25), ProtocolVersion.OFFERED);
        assertEquals("2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25", ProtocolVersion.offeredList());
        assertTrue(ProtocolVersion.OFFERED.stream().allMatch(v -> v.era() == Era.SESSIONFUL_2025));
    }

    @Test
    void the2026RevisionIsServedStatelesslyButNeverOfferedAtInitialize() {
        assertEquals(Optional.of(ProtocolVersion.V2026_07_28), ProtocolVersion.parse("2026-07-28"));
        assertEquals(Era.STATELESS_2026, ProtocolVersion.V2026_07_28.era());
        assertTrue(Era.STATELESS_2026.served());
        assertEquals(List.of(ProtocolVersion.V2026_07_28), ProtocolVersion.STATELESS);
        assertFalse(ProtocolVersion.V2026_07_28.offered());
        assertEquals(Optional.empty(), ProtocolVersion.offered("2026-07-28"));
        assertEquals(Optional.empty(), ProtocolVersion.parse("2099-01-01"));
    }

    @Test
    void initializeIsAnsweredWithTheVersionAskedWhenOfferedElseTheNewestOffered() {
        assertEquals(ProtocolVersion.V2025_06_18, ProtocolVersion.negotiate("2025-06-18"));
        assertEquals(ProtocolVersion.V2025_11_25, ProtocolVersion.negotiate("2026-07-28"));
        assertEquals(ProtocolVersion.V2025_11_25, ProtocolVersion.negotiate("1999-01-01"));
        assertEquals(ProtocolVersion.NEWEST_OFFERED, ProtocolVersion.negotiate(""));
    }

    @Test
    void childrenAreSpokenTo2025WhateverClientsSpeak() {
        assertEquals(Era.SESSIONFUL_2025, ProtocolVersion.TO_CHILDREN.era());
        assertEquals("2025-11-25", ProtocolVersion.TO_CHILDREN.wire());
        assertEquals(ProtocolVersion.V2025_03_26, ProtocolVersion.WHEN_ABSENT);
    }

    @Test
    void transportRulesFollowTheVersion() {
        assertTrue(ProtocolVersion.V2025_03_26.allowsBatches());
        assertFalse(ProtocolVersion.V2025_06_18.allowsBatches());
        assertFalse(ProtocolVersion.V2025_06_18.primesStreams());
        assertTrue(ProtocolVersion.V2025_11_25.primesStreams());
    }
}
