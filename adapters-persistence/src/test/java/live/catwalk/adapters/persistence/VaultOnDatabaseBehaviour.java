package live.catwalk.adapters.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.in.DescribeKeys;
import live.catwalk.core.credential.port.in.ReplaceCredentials;
import live.catwalk.core.credential.port.in.RotateKeys;
import live.catwalk.core.credential.usecase.DescribeKeysService;
import live.catwalk.core.credential.usecase.OpenCredentialsService;
import live.catwalk.core.credential.usecase.ReplaceCredentialsService;
import live.catwalk.core.credential.usecase.RotateKeysService;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault over a real database: what the raw columns hold, moved ciphertexts, and rotation. */
abstract class VaultOnDatabaseBehaviour {

    private static final String API_KEY_VALUE = "sk-live-Plaintext-API-key-0001";
    private static final String OTHER_VALUE = "second-Plaintext-value-0002";
    private static final String SETTING_VALUE = "or-v1-Plaintext-router-key-0003";
    private static final EnvVarName API_KEY = new EnvVarName("API_KEY");
    private static final EnvVarName OTHER = new EnvVarName("OTHER");

    @TempDir
    Path dir;

    private Database database;
    private TinkVault vault;
    private User ada;
    private User bob;
    private Deployment one;
    private Deployment two;

    /** A new, empty database. */
    protected abstract DatabaseUrl freshDatabase() throws Exception;

    /** A plain JDBC connection to it, beside Catwalk's pool, to read and tamper with rows. */
    protected abstract Connection raw(DatabaseUrl url) throws SQLException;

    private DatabaseUrl url;

    @BeforeEach
    void open() throws Exception {
        url = freshDatabase();
        database = Database.open(url, 4);
        vault = TinkVault.generateOrLoad(dir.resolve("keyset.json"));
        ada = Rows.user("ada");
        bob = Rows.user("bob");
        database.users().insert(ada);
        database.users().insert(bob);
        one = database.deployments().insert(Rows.npmDeployment(ada.id(), "one"));
        two = database.deployments().insert(Rows.npmDeployment(ada.id(), "two"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theStoredCredentialAndSettingColumnsHoldNoPlaintextInAnyEncoding() throws Exception {
        replace(one, Map.of(API_KEY, API_KEY_VALUE, OTHER, OTHER_VALUE));
        putSetting(ada, SETTING_VALUE);

        List<byte[]> cells = new ArrayList<>();
        cells.addAll(allCells("select * from credentials"));
        cells.addAll(allCells("select * from user_settings"));
        assertEquals(2 * 4 + 5, cells.size(), "every column of the 2 credential rows and the setting row");
        for (String secret : List.of(API_KEY_VALUE, OTHER_VALUE, SETTING_VALUE)) {
            for (String form : encodings(secret)) {
                for (byte[] cell : cells) {
                    assertFalse(new String(cell, UTF_8).contains(form), "a stored column holds " + form);
                    assertFalse(HexFormat.of().formatHex(cell).contains(HexFormat.of().formatHex(form.getBytes(UTF_8))),
                            "a stored column holds the bytes of " + form);
                }
            }
        }
    }

    @Test
    void aCiphertextMovedToAnotherDeploymentOrVariableDoesNotOpen() throws Exception {
        replace(one, Map.of(API_KEY, API_KEY_VALUE, OTHER, OTHER_VALUE));
        replace(two, Map.of(API_KEY, "two's own value"));
        var open = new OpenCredentialsService(vault, database.credentials());
        assertEquals(new SecretValue(API_KEY_VALUE), open.open(one.id()).get(API_KEY), "opens where it was sealed");

        copyCiphertext(one.id(), "API_KEY", two.id(), "API_KEY");
        assertUnreadable(() -> open.open(two.id()));

        copyCiphertext(one.id(), "API_KEY", one.id(), "OTHER");
        assertUnreadable(() -> open.open(one.id()));
    }

    @Test
    void aSettingMovedToAnotherUserDoesNotOpen() throws Exception {
        putSetting(ada, SETTING_VALUE);
        try (Connection c = raw(url); PreparedStatement s = c.prepareStatement(
                "insert into user_settings (user_id, name, ciphertext, key_id, updated_at) "
                        + "select ?, name, ciphertext, key_id, updated_at from user_settings where user_id = ?")) {
            s.setObject(1, bob.id().value());
            s.setObject(2, ada.id().value());
            assertEquals(1, s.executeUpdate());
        }
        var moved = database.settings().find(bob.id(), SettingName.OPENROUTER_API_KEY).orElseThrow();

        assertUnreadable(() -> vault.open(moved, new SecretScope.OfSetting(bob.id(), SettingName.OPENROUTER_API_KEY)));
    }

    @Test
    void afterKeysRotateSecretsWrittenBeforeStillOpenAndCarryTheNewKeyId() throws Exception {
        replace(one, Map.of(API_KEY, API_KEY_VALUE, OTHER, OTHER_VALUE));
        putSetting(ada, SETTING_VALUE);
        long oldKey = vault.keys().stream().filter(KeyInfo::primary).findFirst().orElseThrow().id();

        RotateKeys.Rotation rotation = new RotateKeysService(vault, vault, database.sealedSecrets()).rotate();

        long newKey = rotation.newPrimary().id();
        assertNotEquals(oldKey, newKey);
        assertEquals(3, rotation.resealed());
        List<Long> keyIds = new ArrayList<>();
        for (byte[] cell : allCells("select key_id from credentials union all select key_id from user_settings")) {
            keyIds.add(Long.parseLong(new String(cell, UTF_8)));
        }
        assertEquals(List.of(newKey, newKey, newKey), keyIds);
        TinkVault reloaded = TinkVault.fromFile(dir.resolve("keyset.json"));
        assertEquals(Map.of(API_KEY, new SecretValue(API_KEY_VALUE), OTHER, new SecretValue(OTHER_VALUE)),
                new OpenCredentialsService(reloaded, database.credentials()).open(one.id()));
        assertEquals(new SecretValue(SETTING_VALUE), reloaded.open(
                database.settings().find(ada.id(), SettingName.OPENROUTER_API_KEY).orElseThrow(),
                new SecretScope.OfSetting(ada.id(), SettingName.OPENROUTER_API_KEY)));
        Map<Long, Long> perKey = new HashMap<>();
        for (DescribeKeys.KeyUsage usage : new DescribeKeysService(reloaded, database.sealedSecrets()).describe()) {
            perKey.put(usage.key().id(), usage.secrets());
        }
        assertEquals(Map.of(oldKey, 0L, newKey, 3L), perKey);
    }

    private void replace(Deployment deployment, Map<EnvVarName, String> values) {
        Map<EnvVarName, SecretValue> secrets = new HashMap<>();
        values.forEach((name, value) -> secrets.put(name, new SecretValue(value)));
        new ReplaceCredentialsService(vault, database.credentials())
                .replace(new ReplaceCredentials.Command(deployment.id(), secrets));
    }

    private void putSetting(User user, String value) {
        var scope = new SecretScope.OfSetting(user.id(), SettingName.OPENROUTER_API_KEY);
        database.settings().put(user.id(), SettingName.OPENROUTER_API_KEY, vault.seal(new SecretValue(value), scope),
                Instant.parse("2026-11-24T10:00:00Z"));
    }

    private void copyCiphertext(DeploymentId from, String fromName, DeploymentId to, String toName) throws SQLException {
        try (Connection c = raw(url); PreparedStatement s = c.prepareStatement(
                "update credentials set ciphertext = (select ciphertext from credentials where deployment_id = ? "
                        + "and name = ?) where deployment_id = ? and name = ?")) {
            s.setString(1, from.value());
            s.setString(2, fromName);
            s.setString(3, to.value());
            s.setString(4, toName);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static void assertUnreadable(Runnable action) {
        CatwalkException e = assertThrows(CatwalkException.class, action::run);
        assertEquals("secret_unreadable", e.code());
        assertFalse(e.getMessage().contains("Plaintext"), e.getMessage());
    }

    /** The secret as stored text might show it: as is, upper and lower case, base64 and hex. */
    private static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(UTF_8);
        return List.of(secret, secret.toLowerCase(Locale.ROOT), secret.toUpperCase(Locale.ROOT),
                Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                HexFormat.of().formatHex(bytes));
    }

    private List<byte[]> allCells(String sql) throws SQLException {
        List<byte[]> cells = new ArrayList<>();
        try (Connection c = raw(url); PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    Object value = rows.getObject(i);
                    cells.add(value instanceof byte[] b ? b : String.valueOf(value).getBytes(UTF_8));
                }
            }
        }
        return cells;
    }
}
