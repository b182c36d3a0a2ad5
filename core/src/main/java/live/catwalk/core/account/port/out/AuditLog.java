package live.catwalk.core.account.port.out;

import java.util.List;
import live.catwalk.core.account.domain.AuditEntry;

/** The append-only audit log. Thread-safe; entries never hold secrets. */
public interface AuditLog {

    void record(AuditEntry entry);

    /** The newest {@code limit} entries (1 to 1000), newest first. */
    List<AuditEntry> recent(int limit);
}
