package live.catwalk.bootstrap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import live.catwalk.adapters.rest.Bearer;
import live.catwalk.adapters.rest.api.ControlPlane;
import live.catwalk.bootstrap.config.ConfigVariable;
import live.catwalk.bootstrap.wiring.Server;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;

/**
 * Catwalk embedded in a Java application: the same server {@code catwalk serve} runs (storage, vault,
 * sandboxed runtime, reconciler, {@code /mcp} and {@code /api} on its own port), started from a builder
 * instead of environment variables, plus the two things an application needs besides HTTP: the MCP
 * exchange as a function to mount in its own HTTP server ({@link #exchange}), and the control plane's
 * operations as a token's user ({@link #as}). Thread-safe; {@link #close} stops everything.
 *
 * <pre>{@code
 * try (Catwalk catwalk = Catwalk.builder().home(Path.of("catwalk-data")).port(0)
 *         .adminTokenFile(Path.of("catwalk-data/admin-token")).start()) { ... }
 * }</pre>
 */
public final class Catwalk implements AutoCloseable {

    private final Server server;

    private Catwalk(Server server) {
        this.server = server;
    }

    /** A builder with the embedded defaults: H2 under the home, loopback, port 8080, sandbox {@code auto}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL Catwalk serves on, e.g. {@code http://127.0.0.1:41233/}. */
    public URI uri() {
        return server.application().uri();
    }

    /** Where MCP clients reach a deployment: {@code <uri>/mcp/<deploymentId>}. */
    public URI mcpUrl(String deploymentId) {
        return uri().resolve("mcp/" + new DeploymentId(deploymentId).value());
    }

    /**
     * One MCP Streamable HTTP exchange, exactly as {@code /mcp/{deploymentId}} answers it, for an application
     * that mounts Catwalk's data plane in its own HTTP server: {@code method} POST, GET or DELETE, the request's
     * headers (names in any case; {@code Authorization: Bearer <deployment token>} included) and body. The
     * answer is JSON, empty, or a {@link McpHttpResponse.Stream} of server-sent events to write frame by frame.
     * Never throws for bad input; may block while a server starts or answers (the JSON window).
     */
    public McpHttpResponse exchange(String method, String deploymentId, Map<String, List<String>> headers,
                                    byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Headers parsed = Headers.of(headers);
        return server.application().mcp(new McpHttpRequest(deploymentId, method.toUpperCase(Locale.ROOT), parsed,
                body, parsed.first("Authorization").flatMap(Bearer::token)));
    }

    /** {@link #exchange} for a JSON body given as text. */
    public McpHttpResponse exchange(String method, String deploymentId, Map<String, List<String>> headers,
                                    String body) {
        return exchange(method, deploymentId, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The control plane as the user of an API token ({@code cwk_…}), e.g. the first admin's (see {@link
     * Builder#adminTokenFile}). Throws {@link IllegalArgumentException} for a token that is unknown, revoked or
     * not a personal token; the token is never part of a message.
     */
    public Control as(String apiToken) {
        ControlPlane api = server.application().api();
        Principal caller = api.accounts().authenticate().authenticate(Objects.requireNonNull(apiToken, "apiToken"))
                .orElseThrow(() -> new IllegalArgumentException("apiToken: not a valid Catwalk API token (cwk_…); "
                        + "the first admin's is written to the builder's adminTokenFile on the first start"));
        return new Control(api.deployments(), caller);
    }

    /** Stops serving: in-flight requests get a few seconds, then the MCP servers are stopped. */
    @Override
    public void close() {
        server.close();
    }

    /** A deployment as the embedding application sees it. */
    public record DeploymentInfo(String id, String name, String status, Optional<String> reason) {
    }

    /** A new deployment and its MCP access token, shown this once ({@code toString} hides it). */
    public record Created(DeploymentInfo deployment, String token) {
        @Override
        public String toString() {
            return "Created[" + deployment + ", token=cwd_…]";
        }
    }

    /** The control plane's deployment operations as one user; the same rules and answers as {@code /api}. */
    public final class Control {
        private final ControlPlane.Deployments deployments;
        private final Principal caller;

        private Control(ControlPlane.Deployments deployments, Principal caller) {
            this.deployments = deployments;
            this.caller = caller;
        }

        /**
         * Creates (and starts) a deployment of a package: {@code registry} {@code npm} or {@code pypi}, a version
         * or null for the latest, its variables. Throws {@link IllegalArgumentException} listing every problem,
         * each naming its field, as the API's 422 does.
         */
        public Created createPackage(String name, String registry, String packageName, String version,
                                     Map<String, String> env) {
            return created(deployments.create().create(new CreateDeployment.Command(caller, name,
                    Optional.of(new CreateDeployment.PackageRequest(registry, packageName,
                            Optional.ofNullable(version))), Optional.empty(), env, Optional.empty())));
        }

        /** Creates (and starts) a deployment of a command (argv, no shell); admins only, as in the API. */
        public Created createCommand(String name, List<String> argv, Map<String, String> env) {
            return created(deployments.create().create(new CreateDeployment.Command(caller, name, Optional.empty(),
                    Optional.of(argv), env, Optional.empty())));
        }

        /** One deployment; NOT_FOUND (a {@code CatwalkException}) for another user's or an unknown id. */
        public DeploymentInfo get(String id) {
            return info(deployments.get().get(caller, new DeploymentId(id)));
        }

        /** The user's deployments (an admin's: everyone's), oldest first, {@code limit} (1–100) from {@code offset}. */
        public List<DeploymentInfo> list(int offset, int limit) {
            return deployments.list().list(caller, offset, limit).stream().map(Catwalk::info).toList();
        }

        /** Asks for the deployment to run; the reconciler starts it. */
        public DeploymentInfo start(String id) {
            return info(deployments.start().start(caller, new DeploymentId(id)));
        }

        /** Stops the deployment's server; it stays stopped until started again. */
        public DeploymentInfo stop(String id) {
            return info(deployments.stop().stop(caller, new DeploymentId(id)));
        }

        private Created created(CreateDeployment.Result result) {
            return switch (result) {
                case CreateDeployment.Result.Created created ->
                        new Created(info(created.deployment()), created.token().secret());
                case CreateDeployment.Result.Rejected rejected -> throw new IllegalArgumentException(
                        "the deployment was not created: " + rejected.problems().stream()
                                .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
            };
        }
    }

    private static DeploymentInfo info(Deployment d) {
        return new DeploymentInfo(d.id().value(), d.spec().name(), d.status().name().toLowerCase(Locale.ROOT),
                d.reason());
    }

    /**
     * What to start. Each option is one of {@code catwalk serve}'s variables (named in its description); what is
     * not set keeps the server's default. Variables of the process environment that configure Catwalk are ignored,
     * so an embedding application is configured by this builder alone.
     */
    public static final class Builder {
        private final Map<String, String> variables = new LinkedHashMap<>();
        private Map<String, String> baseEnvironment = System.getenv();

        private Builder() {
        }

        /** {@code CATWALK_HOME}: the embedded database, the generated keyset and each server's files. Required. */
        public Builder home(Path home) {
            return set(ConfigVariable.HOME, Objects.requireNonNull(home, "home").toAbsolutePath().toString());
        }

        /** {@code DATABASE_URL}: PostgreSQL ({@code postgres://user:password@host:5432/db} or {@code jdbc:postgresql://…}) instead of H2. */
        public Builder postgres(String databaseUrl) {
            return set(ConfigVariable.DATABASE_URL, Objects.requireNonNull(databaseUrl, "databaseUrl"));
        }

        /** {@code CATWALK_BIND}: the address to listen on (default 127.0.0.1). */
        public Builder bind(String address) {
            return set(ConfigVariable.BIND, Objects.requireNonNull(address, "address"));
        }

        /** {@code CATWALK_PORT}: 0 picks a free port (read it from {@link Catwalk#uri}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be from 0 to 65535 (0 picks a free port), not " + port);
            }
            return set(ConfigVariable.PORT, Integer.toString(port));
        }

        /** {@code CATWALK_SANDBOX}: {@code auto} (default), {@code required} or {@code off}. */
        public Builder sandbox(String mode) {
            if (!List.of("auto", "required", "off").contains(mode)) {
                throw new IllegalArgumentException("sandbox: must be auto, required or off, not '" + mode + "'");
            }
            return set(ConfigVariable.SANDBOX, mode);
        }

        /** {@code CATWALK_ADMIN_TOKEN_FILE}: where the first admin's API token is written (mode 0600), once. */
        public Builder adminTokenFile(Path file) {
            return set(ConfigVariable.ADMIN_TOKEN_FILE,
                    Objects.requireNonNull(file, "file").toAbsolutePath().toString());
        }

        /** {@code CATWALK_PUBLIC_URL}: the URL clients reach Catwalk at, when not the bound address. */
        public Builder publicUrl(URI url) {
            return set(ConfigVariable.PUBLIC_URL, Objects.requireNonNull(url, "url").toString());
        }

        /** Any other variable of {@code catwalk serve} (see the README's configuration table), by its name. */
        public Builder variable(String name, String value) {
            ConfigVariable known = java.util.Arrays.stream(ConfigVariable.values())
                    .filter(v -> v.envName.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("variable: '" + name + "' is not one of Catwalk's "
                            + "configuration variables (see the README's configuration table)"));
            return set(known, Objects.requireNonNull(value, "value"));
        }

        /** The environment servers inherit their non-secret basics from ({@code PATH}, {@code HOME} …); default: this process's. */
        public Builder baseEnvironment(Map<String, String> environment) {
            this.baseEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * Starts Catwalk. Throws {@link IllegalArgumentException} for a bad or missing option (naming it) and
         * {@link IllegalStateException} when it cannot start (the port is taken, the database is held by another
         * Catwalk …), with the same explanation {@code catwalk serve} prints.
         */
        public Catwalk start() {
            if (!variables.containsKey(ConfigVariable.HOME.envName)) {
                throw new IllegalArgumentException("home: required; call home(dir) with the directory for Catwalk's "
                        + "embedded database and keyset");
            }
            Map<String, String> env = new HashMap<>();
            baseEnvironment.forEach((name, value) -> {
                if (!name.startsWith("CATWALK_") && !name.equals(ConfigVariable.DATABASE_URL.envName)) {
                    env.put(name, value);
                }
            });
            env.putAll(variables);
            try {
                return new Catwalk(Server.open(env, System.out));
            } catch (Server.CannotStart e) {
                String why = String.join("; ", e.lines());
                throw e.badConfiguration() ? new IllegalArgumentException(why) : new IllegalStateException(why);
            }
        }

        private Builder set(ConfigVariable variable, String value) {
            variables.put(variable.envName, value);
            return this;
        }
    }
}
