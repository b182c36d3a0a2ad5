package live.catwalk.core.store;

import java.util.Comparator;
import java.util.List;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.port.out.AuditLog;

final class InMemoryAuditLog implements AuditLog {

    private final InMemoryStore store;

    InMemoryAuditLog(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void record(AuditEntry entry) {
        synchronized (store.lock) {
            store.audit.add(entry);
        }
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        InMemoryStore.checkLimit(limit, 1000);
        synchronized (store.lock) {
            // reversed, then a stable sort: entries of one instant stay latest recorded first
            return store.audit.reversed().stream().sorted(Comparator.comparing(AuditEntry::at).reversed())
                    .limit(limit).toList();
        }
    }
}
