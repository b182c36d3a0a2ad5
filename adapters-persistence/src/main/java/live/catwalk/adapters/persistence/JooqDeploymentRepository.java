package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.DEPLOYMENTS;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.persistence.jooq.tables.records.DeploymentsRecord;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.shared.CatwalkException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Optimistic locking in SQL: {@code update … where id = ? and version = ?}, which touches one row or none. */
final class JooqDeploymentRepository implements DeploymentRepository {

    private static final String NAME_TAKEN = "The owner already has a deployment of this name.";

    private final DSLContext dsl;

    JooqDeploymentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Deployment insert(Deployment deployment) {
        DeploymentsRecord row = toRow(deployment, 0);
        Failures.run("A deployment with this id exists, or the owner already has one of this name.",
                "No user " + deployment.owner() + ".",
                () -> dsl.insertInto(DEPLOYMENTS).set(row).execute());
        return toDeployment(row);
    }

    @Override
    public Optional<Deployment> find(DeploymentId id) {
        return Failures.read(() -> dsl.selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.ID.eq(id.value()))
                .fetchOptional().map(JooqDeploymentRepository::toDeployment));
    }

    @Override
    public List<Deployment> listByOwner(UserId owner, int offset, int limit) {
        Limits.check(limit, 500);
        if (offset < 0) {
            throw new IllegalArgumentException("an offset is not negative");
        }
        return Failures.read(() -> dsl.selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.OWNER_ID.eq(owner.value()))
                .orderBy(DEPLOYMENTS.CREATED_AT.desc(), DEPLOYMENTS.ID.desc())
                .offset(offset).limit(limit)
                .fetch(JooqDeploymentRepository::toDeployment));
    }

    @Override
    public List<Deployment> listWantedRunning() {
        return Failures.read(() -> dsl.selectFrom(DEPLOYMENTS)
                .where(DEPLOYMENTS.DESIRED_STATE.eq(DesiredState.RUNNING.name()))
                .orderBy(DEPLOYMENTS.CREATED_AT, DEPLOYMENTS.ID)
                .fetch(JooqDeploymentRepository::toDeployment));
    }

    @Override
    public Map<DeploymentStatus, Long> countByStatus() {
        return Failures.read(() -> {
            Map<DeploymentStatus, Long> counts = new EnumMap<>(DeploymentStatus.class);
            dsl.select(DEPLOYMENTS.STATUS, DSL.count()).from(DEPLOYMENTS).groupBy(DEPLOYMENTS.STATUS)
                    .forEach(row -> counts.put(DeploymentStatus.valueOf(row.value1()), (long) row.value2()));
            return counts;
        });
    }

    @Override
    public Deployment update(Deployment deployment) {
        String id = deployment.id().value();
        DeploymentsRecord next = toRow(deployment, deployment.version() + 1);
        return Failures.guard(NAME_TAKEN, null, () -> dsl.transactionResult(tx -> {
            int updated = tx.dsl().update(DEPLOYMENTS)
                    .set(DEPLOYMENTS.NAME, next.getName())
                    .set(DEPLOYMENTS.SPEC, next.getSpec())
                    .set(DEPLOYMENTS.DESIRED_STATE, next.getDesiredState())
                    .set(DEPLOYMENTS.STATUS, next.getStatus())
                    .set(DEPLOYMENTS.REASON, next.getReason())
                    .set(DEPLOYMENTS.RUNTIME_HANDLE, next.getRuntimeHandle())
                    .set(DEPLOYMENTS.UPDATED_AT, next.getUpdatedAt())
                    .set(DEPLOYMENTS.VERSION, next.getVersion())
                    .where(DEPLOYMENTS.ID.eq(id), DEPLOYMENTS.VERSION.eq(deployment.version()))
                    .execute();
            Optional<DeploymentsRecord> stored = tx.dsl().selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.ID.eq(id))
                    .fetchOptional();
            if (stored.isEmpty()) {
                throw CatwalkException.notFound("No deployment " + id + ".");
            }
            if (updated == 0) {
                throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "Deployment " + id
                        + " was changed by someone else (now at version " + stored.get().getVersion()
                        + ", this update was for version " + deployment.version() + "). Read it again and retry.");
            }
            return toDeployment(stored.get());
        }));
    }

    @Override
    public boolean delete(DeploymentId id) {
        return Failures.guard(() -> dsl.deleteFrom(DEPLOYMENTS).where(DEPLOYMENTS.ID.eq(id.value())).execute() > 0);
    }

    private static DeploymentsRecord toRow(Deployment d, long version) {
        DeploymentsRecord row = new DeploymentsRecord();
        row.setId(d.id().value());
        row.setOwnerId(d.owner().value());
        row.setName(d.spec().name());
        row.setSpec(SpecJson.write(d.spec()));
        row.setDesiredState(d.desired().name());
        row.setStatus(d.status().name());
        row.setReason(d.reason().orElse(null));
        row.setRuntimeHandle(d.runtimeHandle().orElse(null));
        row.setVersion(version);
        row.setCreatedAt(Times.toDb(d.createdAt()));
        row.setUpdatedAt(Times.toDb(d.updatedAt()));
        return row;
    }

    private static Deployment toDeployment(DeploymentsRecord row) {
        return new Deployment(new DeploymentId(row.getId()), new UserId(row.getOwnerId()),
                SpecJson.read(row.getName(), row.getSpec()), DesiredState.valueOf(row.getDesiredState()),
                DeploymentStatus.valueOf(row.getStatus()), Optional.ofNullable(row.getReason()),
                Optional.ofNullable(row.getRuntimeHandle()), row.getVersion(), Times.fromDb(row.getCreatedAt()),
                Times.fromDb(row.getUpdatedAt()));
    }
}
