package live.catwalk.core.account.port.out;

import java.util.List;
import live.catwalk.core.account.domain.AuditEntry;

/** The append-only audit log. Thread-safe; entries never hold secrets. */
public interface AuditLog {

    /** Appends an entry. */
    void record(AuditEntry entry);

    /**
     * The newest {@code limit} entries, newest (by {@code at}) first, entries of the same instant the last
     * recorded first; {@link IllegalArgumentException} unless {@code limit} is 1 to 1000.
     */
    List<AuditEntry> recent(int limit);
}
