package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.CREDENTIALS;
import static live.catwalk.adapters.persistence.jooq.Tables.USER_SETTINGS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.port.out.SealedSecrets;
import live.catwalk.core.shared.domain.DeploymentId;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Credentials and user settings together. {@link #resealAll} locks every secret row, asks the resealer for
 * each replacement, then writes them all in the same transaction; a throwing resealer rolls it all back.
 */
final class JooqSealedSecrets implements SealedSecrets {

    private final DSLContext dsl;

    JooqSealedSecrets(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<Long, Long> countByKey() {
        return Failures.guard(() -> dsl.transactionResult(tx -> {
            Map<Long, Long> counts = new TreeMap<>();
            tx.dsl().select(CREDENTIALS.KEY_ID, DSL.count()).from(CREDENTIALS).groupBy(CREDENTIALS.KEY_ID)
                    .forEach(r -> counts.merge(r.value1(), (long) r.value2(), Long::sum));
            tx.dsl().select(USER_SETTINGS.KEY_ID, DSL.count()).from(USER_SETTINGS).groupBy(USER_SETTINGS.KEY_ID)
                    .forEach(r -> counts.merge(r.value1(), (long) r.value2(), Long::sum));
            return counts;
        }));
    }

    @Override
    public long resealAll(Resealer resealer) {
        return Failures.guard(() -> dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            List<Query> updates = new ArrayList<>();
            db.selectFrom(CREDENTIALS).orderBy(CREDENTIALS.DEPLOYMENT_ID, CREDENTIALS.NAME).forUpdate()
                    .fetch().forEach(row -> {
                        SealedSecret next = resealer.reseal(
                                new SecretScope.OfCredential(new DeploymentId(row.getDeploymentId()),
                                        new EnvVarName(row.getName())),
                                new SealedSecret(row.getCiphertext(), row.getKeyId()));
                        updates.add(db.update(CREDENTIALS)
                                .set(CREDENTIALS.CIPHERTEXT, next.ciphertext())
                                .set(CREDENTIALS.KEY_ID, next.keyId())
                                .where(CREDENTIALS.DEPLOYMENT_ID.eq(row.getDeploymentId()),
                                        CREDENTIALS.NAME.eq(row.getName())));
                    });
            db.selectFrom(USER_SETTINGS).orderBy(USER_SETTINGS.USER_ID, USER_SETTINGS.NAME).forUpdate()
                    .fetch().forEach(row -> {
                        SealedSecret next = resealer.reseal(
                                new SecretScope.OfSetting(new UserId(row.getUserId()),
                                        JooqSettingsRepository.settingName(row.getName())),
                                new SealedSecret(row.getCiphertext(), row.getKeyId()));
                        updates.add(db.update(USER_SETTINGS)
                                .set(USER_SETTINGS.CIPHERTEXT, next.ciphertext())
                                .set(USER_SETTINGS.KEY_ID, next.keyId())
                                .where(USER_SETTINGS.USER_ID.eq(row.getUserId()),
                                        USER_SETTINGS.NAME.eq(row.getName())));
                    });
            if (!updates.isEmpty()) {
                db.batch(updates).execute();
            }
            return (long) updates.size();
        }));
    }
}
