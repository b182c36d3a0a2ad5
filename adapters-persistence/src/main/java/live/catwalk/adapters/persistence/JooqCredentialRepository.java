package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.CREDENTIALS;
import static live.catwalk.adapters.persistence.jooq.Tables.DEPLOYMENTS;

import java.util.List;
import live.catwalk.adapters.persistence.jooq.tables.records.CredentialsRecord;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.CatwalkException;
import org.jooq.DSLContext;

/** A replacement locks the deployment's row, so two replacements of one deployment never interleave. */
final class JooqCredentialRepository implements CredentialRepository {

    private final DSLContext dsl;

    JooqCredentialRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void replaceAll(DeploymentId deployment, List<Credential> credentials) {
        if (credentials.stream().anyMatch(c -> !c.deployment().equals(deployment))) {
            throw new IllegalArgumentException("every credential replaced belongs to deployment " + deployment);
        }
        if (credentials.stream().map(Credential::name).distinct().count() != credentials.size()) {
            throw new IllegalArgumentException("a deployment's credentials have distinct names");
        }
        String notFound = "No deployment " + deployment + ".";
        Failures.run(null, notFound,
                () -> dsl.transaction(tx -> {
                    boolean exists = tx.dsl().select(DEPLOYMENTS.ID).from(DEPLOYMENTS)
                            .where(DEPLOYMENTS.ID.eq(deployment.value())).forUpdate().fetchOptional().isPresent();
                    if (!exists) {
                        throw CatwalkException.notFound(notFound);
                    }
                    tx.dsl().deleteFrom(CREDENTIALS).where(CREDENTIALS.DEPLOYMENT_ID.eq(deployment.value())).execute();
                    if (!credentials.isEmpty()) {
                        tx.dsl().batchInsert(credentials.stream().map(JooqCredentialRepository::toRow).toList())
                                .execute();
                    }
                }));
    }

    @Override
    public List<Credential> list(DeploymentId deployment) {
        return Failures.read(() -> dsl.selectFrom(CREDENTIALS)
                .where(CREDENTIALS.DEPLOYMENT_ID.eq(deployment.value()))
                .orderBy(CREDENTIALS.NAME)
                .fetch(row -> new Credential(new DeploymentId(row.getDeploymentId()), new EnvVarName(row.getName()),
                        new SealedSecret(row.getCiphertext(), row.getKeyId()))));
    }

    @Override
    public int deleteAll(DeploymentId deployment) {
        return Failures.guard(() -> dsl.deleteFrom(CREDENTIALS)
                .where(CREDENTIALS.DEPLOYMENT_ID.eq(deployment.value())).execute());
    }

    private static CredentialsRecord toRow(Credential credential) {
        return new CredentialsRecord(credential.deployment().value(), credential.name().value(),
                credential.value().ciphertext(), credential.value().keyId());
    }
}
