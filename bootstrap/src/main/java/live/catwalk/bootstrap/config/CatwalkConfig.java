package live.catwalk.bootstrap.config;

import live.catwalk.core.credential.domain.SecretValue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import live.catwalk.adapters.persistence.DatabaseUrl;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.shared.CatwalkException;

/**
 * Everything Catwalk reads from its environment, parsed and checked once at start-up. A bad value is
 * reported with the variable's name, what is wrong with it and the expected form; secret values are
 * never repeated.
 */
public record CatwalkConfig(String bind, int port, long maxBodyBytes, Level logLevel, Optional<Path> deploymentsFile,
                            Optional<URI> publicUrl, Registries registries, Mcp mcp, Storage storage,
                            DeploymentQuotas quotas, ReadTimeouts readTimeouts, Servers servers,
                            GatewayLimits limits, Analysis analysis, OAuthLifetimes oauth, SignInSettings signIn,
                            Optional<FlySettings> fly, RateLimitsConfig rates, MetricsSettings metrics) {

    /** How long a request's headers may take from their first byte, and its body after its headers. */
    public record ReadTimeouts(Duration headers, Duration body) {
        public ReadTimeouts {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * How deployments' server processes run: in which sandbox mode, how many at most at once, and how often each
     * running one is pinged for its health.
     */
    public record Servers(SandboxMode sandbox, int maxProcesses, Duration healthInterval) {
        public Servers {
            Objects.requireNonNull(sandbox, "sandbox");
            Objects.requireNonNull(healthInterval, "healthInterval");
        }
    }

    /** {@code auto}: bubblewrap when it works; {@code required}: not starting without it; {@code off}: never. */
    public enum SandboxMode { AUTO, REQUIRED, OFF }

    /** Where package names and versions are checked at create. */
    public record Registries(URI npm, URI pypi) {
        public Registries {
            Objects.requireNonNull(npm, "npm");
            Objects.requireNonNull(pypi, "pypi");
        }
    }

    /**
     * Where repository analysis reads: GitHub's API (with an optional token), the official MCP registry, and
     * OpenRouter (with an optional key and model). The secrets' {@code toString} never shows them.
     */
    public record Analysis(URI githubApi, Optional<SecretValue> githubToken, URI mcpRegistry, URI openRouter,
                           Optional<SecretValue> openRouterKey, Optional<String> openRouterModel) {
        public Analysis {
            Objects.requireNonNull(githubApi, "githubApi");
            Objects.requireNonNull(githubToken, "githubToken");
            Objects.requireNonNull(mcpRegistry, "mcpRegistry");
            Objects.requireNonNull(openRouter, "openRouter");
            Objects.requireNonNull(openRouterKey, "openRouterKey");
            Objects.requireNonNull(openRouterModel, "openRouterModel");
        }
    }

    /** The MCP gateway's settings. */
    public record Mcp(Set<String> allowedHosts, Set<String> allowedOrigins, Duration idleTimeout, int maxSessions,
                      int maxChildren, Duration requestTimeout, Duration heartbeat) {

        public Mcp {
            allowedHosts = Set.copyOf(allowedHosts);
            allowedOrigins = Set.copyOf(allowedOrigins);
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(heartbeat, "heartbeat");
        }
    }

    /** Read by the {@code ./catwalk} launcher script, not by the server. */
    private static final List<String> LAUNCHER_VARIABLES = List.of("CATWALK_JDK_ROOTS");

    public CatwalkConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(deploymentsFile, "deploymentsFile");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(registries, "registries");
        Objects.requireNonNull(mcp, "mcp");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(readTimeouts, "readTimeouts");
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(oauth, "oauth");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(fly, "fly");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** The configuration with nothing set: loopback on 8080, 4 MiB bodies, INFO logs, no deployments. */
    public static CatwalkConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * Parses the variables Catwalk knows; unknown ones are ignored here (see {@link #unknownVariables}).
     * Throws a {@link ConfigException} listing every bad variable at once.
     */
    public static CatwalkConfig fromEnvironment(Map<String, String> env) {
        var r = new Reader(env);
        String bind = r.read(ConfigVariable.BIND, ConfigValues::bind);
        Integer port = r.read(ConfigVariable.PORT, v -> ConfigValues.wholeNumber(v, 0, 65_535));
        Integer maxBody = r.read(ConfigVariable.MAX_BODY_BYTES, v -> ConfigValues.wholeNumber(v, 1024, 268_435_456));
        Level level = r.read(ConfigVariable.LOG_LEVEL, ConfigValues::logLevel);
        Optional<Path> deployments = r.read(ConfigVariable.DEPLOYMENTS_FILE, ConfigValues::optionalFile);
        Optional<URI> publicUrl = r.read(ConfigVariable.PUBLIC_URL, ConfigValues::httpUrl);
        Optional<URI> npm = r.read(ConfigVariable.NPM_REGISTRY, ConfigValues::httpUrl);
        Optional<URI> pypi = r.read(ConfigVariable.PYPI_INDEX, ConfigValues::httpUrl);
        Set<String> hosts = r.read(ConfigVariable.ALLOWED_HOSTS, ConfigValues::hosts);
        Set<String> origins = r.read(ConfigVariable.ALLOWED_ORIGINS, ConfigValues::origins);
        Duration idle = r.read(ConfigVariable.SESSION_IDLE_TIMEOUT,
                v -> ConfigValues.duration(v, Duration.ofSeconds(10), Duration.ofHours(24)));
        Integer sessions = r.read(ConfigVariable.MAX_SESSIONS, v -> ConfigValues.wholeNumber(v, 1, 100_000));
        Integer children = r.read(ConfigVariable.MAX_CHILDREN, v -> ConfigValues.wholeNumber(v, 1, 1_000));
        Duration requestTimeout = r.read(ConfigVariable.REQUEST_TIMEOUT,
                v -> ConfigValues.duration(v, Duration.ofSeconds(1), Duration.ofHours(24)));
        Duration heartbeat = r.read(ConfigVariable.SSE_HEARTBEAT,
                v -> ConfigValues.duration(v, Duration.ofMillis(100), Duration.ofMinutes(5)));
        Storage storage = storage(r, env);
        Integer maxDeployments = r.read(ConfigVariable.MAX_DEPLOYMENTS_PER_USER,
                v -> ConfigValues.wholeNumber(v, 1, DeploymentQuotas.MAX));
        Integer maxRunning = r.read(ConfigVariable.MAX_RUNNING_PER_USER,
                v -> ConfigValues.wholeNumber(v, 1, DeploymentQuotas.MAX));
        Duration headerTimeout = r.read(ConfigVariable.HEADER_TIMEOUT,
                v -> ConfigValues.duration(v, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        Duration bodyTimeout = r.read(ConfigVariable.BODY_TIMEOUT,
                v -> ConfigValues.duration(v, Duration.ofSeconds(1), Duration.ofHours(1)));
        SandboxMode sandbox = r.read(ConfigVariable.SANDBOX, v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SandboxMode.AUTO;
            case "required" -> SandboxMode.REQUIRED;
            case "off" -> SandboxMode.OFF;
            default -> throw new IllegalArgumentException("is not auto, required or off");
        });
        Integer maxProcesses = r.read(ConfigVariable.MAX_PROCESSES, v -> ConfigValues.wholeNumber(v, 1, 10_000));
        Duration healthInterval = r.read(ConfigVariable.HEALTH_INTERVAL,
                v -> ConfigValues.duration(v, Duration.ofSeconds(1), Duration.ofHours(1)));
        GatewayLimits limits = McpLimits.read(r);
        Analysis analysis = analysis(r);
        OAuthLifetimes oauth = OAuthLifetimesConfig.read(r);
        SignInSettings signIn = SignInConfig.read(r);
        Optional<FlySettings> fly = FlyConfig.read(r);
        RateLimitsConfig rates = RateLimitsConfig.read(r);
        MetricsSettings metrics = MetricsSettings.read(r);
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return new CatwalkConfig(bind, port, maxBody, level, deployments, publicUrl,
                new Registries(npm.orElseThrow(), pypi.orElseThrow()), new Mcp(hosts, origins, idle, sessions, children, requestTimeout, heartbeat), storage,
                new DeploymentQuotas(maxDeployments, maxRunning), new ReadTimeouts(headerTimeout, bodyTimeout),
                new Servers(sandbox, maxProcesses, healthInterval), limits, analysis, oauth, signIn, fly, rates,
                metrics);
    }

    /** Analysis's sources; null after recording a problem. */
    private static Analysis analysis(Reader r) {
        Optional<URI> github = r.read(ConfigVariable.GITHUB_API_URL, ConfigValues::httpUrl);
        Optional<SecretValue> githubToken = r.read(ConfigVariable.GITHUB_TOKEN, CatwalkConfig::secret);
        Optional<URI> registry = r.read(ConfigVariable.MCP_REGISTRY_URL, ConfigValues::httpUrl);
        Optional<URI> openRouter = r.read(ConfigVariable.OPENROUTER_URL, ConfigValues::httpUrl);
        Optional<SecretValue> key = r.read(ConfigVariable.OPENROUTER_API_KEY, CatwalkConfig::secret);
        Optional<String> model = r.read(ConfigVariable.OPENROUTER_MODEL, v -> {
            if (!v.isEmpty() && !v.matches("[A-Za-z0-9._:/-]{1,200}")) {
                throw new IllegalArgumentException("is not a model id");
            }
            return Optional.of(v).filter(m -> !m.isEmpty());
        });
        if (github == null || githubToken == null || registry == null || openRouter == null || key == null
                || model == null) {
            return null;
        }
        return new Analysis(github.orElseThrow(), githubToken, registry.orElseThrow(), openRouter.orElseThrow(), key,
                model);
    }

    /** A secret setting: empty when unset; refused (without repeating it) when it holds spaces or is too long. */
    static Optional<SecretValue> secret(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 1000 || !value.matches("\\S+")) {
            throw new IllegalArgumentException("is not a token: it holds white space or is over 1000 characters");
        }
        return Optional.of(new SecretValue(value));
    }

    /**
     * The database and the keyset. PostgreSQL is production: there Catwalk never generates a keyset, since
     * a keyset that exists only on one machine's disk loses every secret with that disk.
     */
    private static Storage storage(Reader r, Map<String, String> env) {
        Path home = r.read(ConfigVariable.HOME, v -> v.isEmpty()
                ? Storage.defaultHome(Optional.ofNullable(env.get("HOME")).filter(h -> !h.isBlank())
                        .or(() -> Optional.ofNullable(System.getProperty("user.home"))))
                : ConfigValues.directory(v));
        Optional<DatabaseUrl> url = r.read(ConfigVariable.DATABASE_URL,
                v -> v.isEmpty() ? Optional.<DatabaseUrl>empty() : Optional.of(DatabaseUrl.parse(v)));
        Integer pool = r.read(ConfigVariable.DB_POOL_SIZE, v -> ConfigValues.wholeNumber(v, 1, 200));
        String inline = r.read(ConfigVariable.KEYSET, v -> v);
        Optional<Path> file = r.read(ConfigVariable.KEYSET_FILE, ConfigValues::optionalFile);
        Optional<Path> adminTokenFile = r.read(ConfigVariable.ADMIN_TOKEN_FILE, ConfigValues::optionalNewFile);
        if (home == null || url == null || pool == null || inline == null || file == null || adminTokenFile == null) {
            return null;
        }
        Storage.Keyset keyset;
        if (!inline.isEmpty() && file.isPresent()) {
            r.problem(ConfigVariable.KEYSET_FILE, "Set together with CATWALK_KEYSET",
                    "Set only one of CATWALK_KEYSET and CATWALK_KEYSET_FILE.");
            return null;
        } else if (!inline.isEmpty()) {
            keyset = new Storage.Keyset.Inline(inline);
        } else if (file.isPresent()) {
            keyset = new Storage.Keyset.File(file.get());
        } else if (url.isPresent()) {
            r.problem(ConfigVariable.KEYSET, "Not set: with DATABASE_URL (PostgreSQL) Catwalk never generates a keyset itself",
                    "Generate one with 'catwalk keys generate > keyset.json' (then chmod 600 keyset.json), keep a "
                            + "backup, and set CATWALK_KEYSET_FILE to its path or CATWALK_KEYSET to its base64.");
            return null;
        } else {
            keyset = new Storage.Keyset.Generated(home.resolve("keyset.json"));
        }
        return new Storage(home, url.orElseGet(() -> DatabaseUrl.h2File(home)), pool, keyset, adminTokenFile);
    }

    /** {@code CATWALK_*} variables that Catwalk does not know, most likely typos. */
    public static List<String> unknownVariables(Map<String, String> env) {
        return env.keySet().stream()
                .filter(name -> name.startsWith("CATWALK_"))
                .filter(name -> ConfigVariable.named(name) == null && !LAUNCHER_VARIABLES.contains(name))
                .sorted()
                .toList();
    }

    /** Reads variables and collects their problems, all of them before the configuration is refused. */
    static final class Reader {

        private final Map<String, String> env;
        private final List<CatwalkException> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        /** The parsed value, or null after recording a problem (the record is then never built). */
        <T> T read(ConfigVariable variable, Function<String, T> parser) {
            String raw = env.get(variable.envName);
            String value = raw == null || raw.isBlank() ? variable.defaultValue : raw.strip();
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                String shown = variable.secret ? "The value" : "'" + value + "'";
                problems.add(CatwalkException.invalidInput(variable.envName,
                        shown + " " + e.getMessage(), "Expected " + variable.expected + "."));
                return null;
            }
        }

        /** The problems recorded so far. */
        List<CatwalkException> problems() {
            return problems;
        }

        void problem(ConfigVariable variable, String message, String hint) {
            problems.add(CatwalkException.invalidInput(variable.envName, message, hint));
        }
    }
}
