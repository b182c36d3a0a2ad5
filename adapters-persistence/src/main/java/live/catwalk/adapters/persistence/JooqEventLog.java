package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.DEPLOYMENT_EVENTS;

import java.util.List;
import java.util.Optional;
import live.catwalk.adapters.persistence.jooq.tables.records.DeploymentEventsRecord;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.port.out.EventLog;
import org.jooq.DSLContext;

/** Events by time, and those of one instant in the order appended (their identity column). */
final class JooqEventLog implements EventLog {

    private final DSLContext dsl;

    JooqEventLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(DeploymentEvent event) {
        Failures.run(null, "No deployment " + event.deployment() + ".", () -> dsl.insertInto(DEPLOYMENT_EVENTS)
                .set(DEPLOYMENT_EVENTS.DEPLOYMENT_ID, event.deployment().value())
                .set(DEPLOYMENT_EVENTS.OCCURRED_AT, Times.toDb(event.at()))
                .set(DEPLOYMENT_EVENTS.FROM_STATUS, event.from().map(DeploymentStatus::name).orElse(null))
                .set(DEPLOYMENT_EVENTS.TO_STATUS, event.to().name())
                .set(DEPLOYMENT_EVENTS.MESSAGE, event.message())
                .execute());
    }

    @Override
    public List<DeploymentEvent> recent(DeploymentId deployment, int limit) {
        Limits.check(limit, 1000);
        return Failures.read(() -> dsl.selectFrom(DEPLOYMENT_EVENTS)
                .where(DEPLOYMENT_EVENTS.DEPLOYMENT_ID.eq(deployment.value()))
                .orderBy(DEPLOYMENT_EVENTS.OCCURRED_AT.desc(), DEPLOYMENT_EVENTS.ID.desc())
                .limit(limit)
                .fetch(JooqEventLog::toEvent)
                .reversed());
    }

    private static DeploymentEvent toEvent(DeploymentEventsRecord row) {
        return new DeploymentEvent(new DeploymentId(row.getDeploymentId()), Times.fromDb(row.getOccurredAt()),
                Optional.ofNullable(row.getFromStatus()).map(DeploymentStatus::valueOf),
                DeploymentStatus.valueOf(row.getToStatus()), row.getMessage());
    }
}
