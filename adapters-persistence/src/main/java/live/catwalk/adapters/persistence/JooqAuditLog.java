package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.AUDIT_LOG;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import live.catwalk.adapters.persistence.jooq.tables.records.AuditLogRecord;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.AuditLog;
import org.jooq.DSLContext;

final class JooqAuditLog implements AuditLog {

    private final DSLContext dsl;

    JooqAuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(AuditEntry entry) {
        Failures.run(null, null, () -> dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.OCCURRED_AT, Times.toDb(entry.at()))
                .set(AUDIT_LOG.ACTION, entry.action().wireName())
                .set(AUDIT_LOG.ACTOR_ID, entry.actor().map(UserId::value).orElse(null))
                .set(AUDIT_LOG.TARGET, entry.target().orElse(null))
                .set(AUDIT_LOG.DETAIL, entry.detail())
                .execute());
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        Limits.check(limit, 1000);
        return Failures.read(() -> dsl.selectFrom(AUDIT_LOG)
                .orderBy(AUDIT_LOG.OCCURRED_AT.desc(), AUDIT_LOG.ID.desc())
                .limit(limit)
                .fetch(JooqAuditLog::toEntry));
    }

    private static AuditEntry toEntry(AuditLogRecord row) {
        return new AuditEntry(Times.fromDb(row.getOccurredAt()),
                AuditAction.valueOf(row.getAction().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(row.getActorId()).map(UserId::new), Optional.ofNullable(row.getTarget()),
                row.getDetail());
    }
}
