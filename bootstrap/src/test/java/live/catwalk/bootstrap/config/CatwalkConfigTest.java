package live.catwalk.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatwalkConfigTest {

    @Test
    void withNothingSetCatwalkListensOnLoopback8080() {
        CatwalkConfig config = CatwalkConfig.fromEnvironment(Map.of());

        assertEquals("127.0.0.1", config.bind());
        assertEquals(8080, config.port());
        assertEquals(4L * 1024 * 1024, config.maxBodyBytes());
        assertEquals(Level.INFO, config.logLevel());
    }

    @Test
    void readsEveryVariable() {
        CatwalkConfig config = CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_BIND", "0.0.0.0", "CATWALK_PORT", "9090",
                "CATWALK_MAX_BODY_BYTES", "1048576", "CATWALK_LOG_LEVEL", "DEBUG"));

        assertEquals("0.0.0.0", config.bind());
        assertEquals(9090, config.port());
        assertEquals(1_048_576, config.maxBodyBytes());
        assertEquals(Level.FINE, config.logLevel());
    }

    @Test
    void aBlankValueMeansTheDefaultAndSpacesAreTrimmed() {
        CatwalkConfig config = CatwalkConfig.fromEnvironment(Map.of("CATWALK_PORT", " 9091 ", "CATWALK_BIND", ""));

        assertEquals(9091, config.port());
        assertEquals("127.0.0.1", config.bind());
    }

    @Test
    void requestsHaveTenSecondsForTheirHeadersAndAMinuteForTheirBodyUnlessSet() {
        CatwalkConfig defaults = CatwalkConfig.defaults();
        assertEquals(Duration.ofSeconds(10), defaults.readTimeouts().headers());
        assertEquals(Duration.ofSeconds(60), defaults.readTimeouts().body());

        CatwalkConfig set = CatwalkConfig.fromEnvironment(Map.of("CATWALK_HEADER_TIMEOUT", "3s",
                "CATWALK_BODY_TIMEOUT", "5m"));
        assertEquals(Duration.ofSeconds(3), set.readTimeouts().headers());
        assertEquals(Duration.ofMinutes(5), set.readTimeouts().body());
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertEquals(0, CatwalkConfig.fromEnvironment(Map.of("CATWALK_PORT", "0")).port());
    }

    @Test
    void anIpv6LoopbackIsABindAddress() {
        assertEquals("::1", CatwalkConfig.fromEnvironment(Map.of("CATWALK_BIND", "::1")).bind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CATWALK_PORT|eighty|'eighty' is not a whole number|0 to 65535",
        "CATWALK_PORT|70000|'70000' is outside 0-65535|0 to 65535",
        "CATWALK_PORT|-1|'-1' is outside 0-65535|0 to 65535",
        "CATWALK_BIND|not a host!|is not an IP address or host name|IP address",
        "CATWALK_MAX_BODY_BYTES|12|is outside 1024-268435456|number of bytes",
        "CATWALK_LOG_LEVEL|loud|'loud' is not a log level|error, warn, info",
        "CATWALK_MAX_DEPLOYMENTS_PER_USER|0|is outside 1-500|from 1 to 500",
        "CATWALK_MAX_RUNNING_PER_USER|501|is outside 1-500|from 1 to 500",
        "CATWALK_HEADER_TIMEOUT|0s|is outside the allowed range|1s to 5m",
        "CATWALK_HEADER_TIMEOUT|10m|is outside the allowed range|1s to 5m",
        "CATWALK_BODY_TIMEOUT|2h|is outside the allowed range|1s to 1h",
        "CATWALK_BODY_TIMEOUT|soon|is not a duration|1s to 1h",
        "CATWALK_SANDBOX|maybe|'maybe' is not auto, required or off|bubblewrap",
        "CATWALK_MAX_PROCESSES|0|is outside 1-10000|across all deployments",
        "CATWALK_HEALTH_INTERVAL|500ms|is outside the allowed range|1s to 1h",
        "CATWALK_HEALTH_INTERVAL|often|is not a duration|1s to 1h",
        "CATWALK_SESSION_IDLE_TIMEOUT|2d|is outside the allowed range|10s to 24h",
        "CATWALK_OAUTH_ACCESS_TTL|30s|is outside the allowed range|1m to 24h",
        "CATWALK_OAUTH_ACCESS_TTL|2d|is outside the allowed range|1m to 24h",
        "CATWALK_OAUTH_REFRESH_TTL|366d|is outside the allowed range|1h to 365d",
        "CATWALK_OAUTH_REFRESH_TTL|1.5d|is not a duration|1h to 365d",
        "CATWALK_OAUTH_REFRESH_TTL|-30d|is not a duration|1h to 365d",
        "CATWALK_OAUTH_CODE_TTL|11m|is outside the allowed range|10s to 10m",
        "CATWALK_OAUTH_CODE_TTL|5s|is outside the allowed range|10s to 10m",
        "CATWALK_OAUTH_CODE_TTL|once|is not a duration|10s to 10m",
        "CATWALK_SIGNUP|everyone|'everyone' is not github, invite or closed|invite",
        "CATWALK_SIGNUP_ALLOW|ada,not a login|has 'not a login', which is not a GitHub login|organisations",
        "CATWALK_GITHUB_CLIENT_ID|id with spaces|is not a GitHub OAuth app's client id|callback URL",
        "CATWALK_GITHUB_URL|github.com|is not an http(s) URL|web address",
        "CATWALK_FLY_APP|Bad_App|is not a Fly app name|Machines run",
        "CATWALK_RUNNER_KEY|too-short|is shorter than 32 characters|32 characters",
        "CATWALK_FLY_REGION|Amsterdam|is not a Fly region code|region",
        "CATWALK_FLY_RUNNER_URL|http://runner:8080|is not an http(s) URL template naming {machine}|{machine}"})
    void aBadValueNamesTheVariableTheProblemAndTheExpectedForm(String variable, String value, String problem,
                                                              String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CatwalkConfig.fromEnvironment(Map.of(variable, value)));

        assertEquals(1, e.problems().size());
        CatwalkException only = e.problems().getFirst();
        assertEquals(variable, only.field().orElseThrow());
        assertTrue(only.getMessage().contains(problem), only.getMessage());
        assertTrue(only.hint().orElseThrow().contains(expected), only.hint().orElseThrow());
        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
    }

    @Test
    void oauthLifetimesAreAnHourThirtyDaysAndTenMinutesUnlessSetInAnyUnitDaysIncluded() {
        assertEquals(OAuthLifetimes.DEFAULT, CatwalkConfig.defaults().oauth());
        assertEquals(new OAuthLifetimes(Duration.ofHours(1), Duration.ofDays(30), Duration.ofMinutes(10)),
                CatwalkConfig.defaults().oauth());

        assertEquals(new OAuthLifetimes(Duration.ofHours(8), Duration.ofDays(90), Duration.ofSeconds(45)),
                CatwalkConfig.fromEnvironment(Map.of("CATWALK_OAUTH_ACCESS_TTL", "8h",
                        "CATWALK_OAUTH_REFRESH_TTL", "90D", "CATWALK_OAUTH_CODE_TTL", "45s")).oauth());
        assertEquals(new OAuthLifetimes(Duration.ofDays(1), Duration.ofDays(365), Duration.ofSeconds(600)),
                CatwalkConfig.fromEnvironment(Map.of("CATWALK_OAUTH_ACCESS_TTL", "1d",
                        "CATWALK_OAUTH_REFRESH_TTL", "365d", "CATWALK_OAUTH_CODE_TTL", "10m")).oauth(),
                "each range's upper end, a day written as 1d");
        assertEquals(new OAuthLifetimes(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(10)),
                CatwalkConfig.fromEnvironment(Map.of("CATWALK_OAUTH_ACCESS_TTL", "60s",
                        "CATWALK_OAUTH_REFRESH_TTL", "60m", "CATWALK_OAUTH_CODE_TTL", "10000ms")).oauth(),
                "each range's lower end");
        assertEquals(Duration.ofDays(1), CatwalkConfig.fromEnvironment(Map.of("CATWALK_SESSION_IDLE_TIMEOUT", "1d"))
                .mcp().idleTimeout(), "days are a unit of every duration");
    }

    @Test
    void aRefreshLifetimeShorterThanTheAccessLifetimeIsRefusedNamingBoth() {
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_OAUTH_ACCESS_TTL", "12h", "CATWALK_OAUTH_REFRESH_TTL", "6h")));

        assertEquals(1, e.problems().size());
        assertEquals("CATWALK_OAUTH_REFRESH_TTL", e.problems().getFirst().field().orElseThrow());
        assertTrue(e.getMessage().startsWith("CATWALK_OAUTH_REFRESH_TTL: Shorter than CATWALK_OAUTH_ACCESS_TTL. "
                + "Expected a duration from 1h to 365d"), e.getMessage());
        assertEquals(Duration.ofHours(12), CatwalkConfig.fromEnvironment(Map.of("CATWALK_OAUTH_ACCESS_TTL", "12h",
                "CATWALK_OAUTH_REFRESH_TTL", "12h")).oauth().refresh(), "as long as an access token will do");
    }

    @Test
    void aBadAccessLifetimeIsReportedAloneNotAlsoAsLongerThanTheRefreshLifetime() {
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_OAUTH_ACCESS_TTL", "48h", "CATWALK_OAUTH_REFRESH_TTL", "2h", "CATWALK_OAUTH_CODE_TTL", "1h")));

        assertEquals(List.of("CATWALK_OAUTH_ACCESS_TTL", "CATWALK_OAUTH_CODE_TTL"),
                e.problems().stream().map(p -> p.field().orElseThrow()).toList());
    }

    @Test
    void userQuotasDefaultToTenDeploymentsFiveRunningAndCanBeSet() {
        assertEquals(new DeploymentQuotas(10, 5), CatwalkConfig.fromEnvironment(Map.of()).quotas());
        assertEquals(new DeploymentQuotas(50, 20), CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_MAX_DEPLOYMENTS_PER_USER", "50", "CATWALK_MAX_RUNNING_PER_USER", "20")).quotas());
    }

    @Test
    void everyBadVariableIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_PORT", "x", "CATWALK_LOG_LEVEL", "y")));

        assertEquals(List.of("CATWALK_PORT", "CATWALK_LOG_LEVEL"),
                e.problems().stream().map(p -> p.field().orElseThrow()).toList());
    }

    @Test
    void theSandboxIsAutoAtMost64ProcessesRunAndHealthIsPingedEvery10sUnlessSetOtherwise() {
        assertEquals(new CatwalkConfig.Servers(CatwalkConfig.SandboxMode.AUTO, 64, Duration.ofSeconds(10)),
                CatwalkConfig.defaults().servers());
        assertEquals(new CatwalkConfig.Servers(CatwalkConfig.SandboxMode.REQUIRED, 8, Duration.ofMinutes(2)),
                CatwalkConfig.fromEnvironment(Map.of("CATWALK_SANDBOX", "Required", "CATWALK_MAX_PROCESSES", "8",
                        "CATWALK_HEALTH_INTERVAL", "2m")).servers());
        assertEquals(CatwalkConfig.SandboxMode.OFF,
                CatwalkConfig.fromEnvironment(Map.of("CATWALK_SANDBOX", "off")).servers().sandbox());
    }

    @Test
    void unknownCatwalkVariablesAreListedAndOthersAreNot() {
        List<String> unknown = CatwalkConfig.unknownVariables(Map.of(
                "CATWALK_PROT", "8080", "CATWALK_PORT", "8080", "PATH", "/bin", "CATWALK_JDK_ROOTS", "/opt"));

        assertEquals(List.of("CATWALK_PROT"), unknown);
    }

    @Test
    void withNoDatabaseUrlStateLivesInH2UnderCatwalkHomeWithAGeneratedKeyset() {
        Storage storage = CatwalkConfig.fromEnvironment(Map.of("HOME", "/home/someone")).storage();

        assertEquals(Path.of("/home/someone/.catwalk"), storage.home());
        assertFalse(storage.database().isPostgres());
        assertTrue(storage.database().jdbcUrl().startsWith("jdbc:h2:file:/home/someone/.catwalk/"),
                storage.database().jdbcUrl());
        assertEquals(new Storage.Keyset.Generated(Path.of("/home/someone/.catwalk/keyset.json")), storage.keyset());
        assertEquals(10, storage.poolSize());
    }

    @Test
    void catwalkHomeMovesTheEmbeddedDatabaseAndTheKeyset(@TempDir Path dir) {
        Storage storage = CatwalkConfig.fromEnvironment(Map.of("CATWALK_HOME", dir.toString())).storage();

        assertTrue(storage.database().jdbcUrl().startsWith("jdbc:h2:file:" + dir), storage.database().jdbcUrl());
        assertEquals(new Storage.Keyset.Generated(dir.resolve("keyset.json")), storage.keyset());
    }

    @Test
    void postgresWithoutAKeysetIsRefusedNamingCatwalkKeysetAndHowToMakeOne() {
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "DATABASE_URL", "postgres://app:pa55word@db.internal:5432/catwalk")));

        CatwalkException only = e.problems().getFirst();
        assertEquals("CATWALK_KEYSET", only.field().orElseThrow());
        assertTrue(only.hint().orElseThrow().contains("catwalk keys generate"), only.hint().orElseThrow());
        assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
    }

    @Test
    void postgresWithAnInlineKeysetIsAccepted() {
        Storage storage = CatwalkConfig.fromEnvironment(Map.of(
                "DATABASE_URL", "postgresql://app:pa55word@db.internal/catwalk", "CATWALK_KEYSET", "abc=")).storage();

        assertTrue(storage.database().isPostgres());
        assertFalse(storage.keyset().toString().contains("abc="), "the keyset is never shown");
        assertFalse(storage.database().redacted().contains("pa55word"), storage.database().redacted());
    }

    @Test
    void aMalformedDatabaseUrlNamesTheVariableWithoutRepeatingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "DATABASE_URL", "mysql://root:pa55word@localhost/x", "CATWALK_KEYSET", "abc=")));

        assertEquals("DATABASE_URL", e.problems().getFirst().field().orElseThrow());
        assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
    }

    @Test
    void bothKeysetVariablesAtOnceAreRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keyset.json"), "{}");
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_KEYSET", "abc=", "CATWALK_KEYSET_FILE", file.toString())));

        assertEquals("CATWALK_KEYSET_FILE", e.problems().getFirst().field().orElseThrow());
        assertFalse(e.getMessage().contains("abc="), e.getMessage());
    }
}
