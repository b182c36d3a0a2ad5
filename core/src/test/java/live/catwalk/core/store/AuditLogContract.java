package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code AuditLog} does. */
public abstract class AuditLogContract extends StoreContract {

    private User ann;

    @BeforeEach
    protected final void givenAUser() {
        ann = givenUser("ann");
    }

    @Test
    void keepsEveryFieldOfAnEntry() {
        AuditEntry entry = new AuditEntry(fixtures.next(), AuditAction.CREDENTIALS_REPLACED, Optional.of(ann.id()),
                Optional.of("t".repeat(AuditEntry.MAX_TEXT)), "d".repeat(AuditEntry.MAX_TEXT - 1) + "é");

        stores.audit().record(entry);

        assertEquals(List.of(entry), stores.audit().recent(10));
    }

    @Test
    void keepsAnEntryWithoutActorOrTarget() {
        AuditEntry entry = new AuditEntry(fixtures.next(), AuditAction.AUTHENTICATION_FAILED, Optional.empty(),
                Optional.empty(), "");

        stores.audit().record(entry);

        assertEquals(List.of(entry), stores.audit().recent(1));
    }

    @Test
    void returnsTheNewestEntriesFirstUpToTheLimit() {
        List<AuditEntry> entries = IntStream.range(0, 5)
                .mapToObj(i -> fixtures.audit(AuditAction.values()[i], ann.id())).toList();
        entries.forEach(stores.audit()::record);

        assertEquals(List.of(entries.get(4), entries.get(3)), stores.audit().recent(2));
        assertEquals(entries.reversed(), stores.audit().recent(1000));
    }

    @Test
    void ordersByTimeNotByWhenRecorded() {
        AuditEntry earlier = fixtures.audit(AuditAction.TOKEN_ISSUED, ann.id());
        AuditEntry later = fixtures.audit(AuditAction.TOKEN_REVOKED, ann.id());
        stores.audit().record(later);
        stores.audit().record(earlier);

        assertEquals(List.of(later, earlier), stores.audit().recent(10));
    }

    @Test
    void putsTheLastRecordedFirstAmongEntriesOfTheSameInstant() {
        Instant at = fixtures.next();
        List<AuditEntry> entries = IntStream.range(0, 4).mapToObj(i -> new AuditEntry(at,
                AuditAction.SETTING_CHANGED, Optional.of(ann.id()), Optional.empty(), "change " + i)).toList();
        entries.forEach(stores.audit()::record);

        assertEquals(entries.reversed(), stores.audit().recent(4));
    }

    @Test
    void returnsNothingFromAnEmptyLog() {
        assertEquals(List.of(), stores.audit().recent(1000));
    }

    @Test
    void refusesALimitOutsideOneToAThousand() {
        stores.audit().record(fixtures.audit(AuditAction.KEYS_ROTATED, ann.id()));

        assertThrows(IllegalArgumentException.class, () -> stores.audit().recent(0));
        assertThrows(IllegalArgumentException.class, () -> stores.audit().recent(-1));
        assertThrows(IllegalArgumentException.class, () -> stores.audit().recent(1001));
        assertEquals(1, stores.audit().recent(1).size());
    }
}
