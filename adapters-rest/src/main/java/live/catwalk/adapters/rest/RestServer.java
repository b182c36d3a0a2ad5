package live.catwalk.adapters.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import live.catwalk.adapters.rest.api.ControlPlane;
import live.catwalk.adapters.rest.api.EventStreams;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.metrics.PrometheusTelemetry;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.adapters.rest.oauth.AuthorizationServer;
import live.catwalk.adapters.rest.oauth.NoGitHubSignIn;
import live.catwalk.adapters.rest.web.WebUi;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.mcp.port.in.ServeMcp;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Catwalk's HTTP server: Jersey on Grizzly, virtual threads per request, every error as problem JSON.
 * Built once, started once, stopped once. The adapter's one public entry point besides the resources
 * the composition root registers.
 */
public final class RestServer implements AutoCloseable {

    /** Default bound on request bodies; {@link Builder#maxBodyBytes(long)} changes it. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    /** Default time a request's headers may take from their first byte; {@link Builder#readTimeouts} changes it. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a request's body may take after its headers; {@link Builder#readTimeouts} changes it. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(RestServer.class.getName());

    private final HttpServer server;
    private final String host;
    private final ReadDeadlines deadlines;
    private final JerseyInFlight inFlight;
    private final EventStreams streams;
    private final Optional<URI> publicUrl;
    private volatile boolean stopped;

    private RestServer(HttpServer server, String host, ReadDeadlines deadlines, JerseyInFlight inFlight,
                       EventStreams streams, Optional<URI> publicUrl) {
        this.server = server;
        this.publicUrl = publicUrl;
        this.host = host;
        this.deadlines = deadlines;
        this.inFlight = inFlight;
        this.streams = streams;
    }

    /** A builder for a server on {@code host:port}; port 0 picks a free port at start. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Binds and starts serving. Throws {@link IOException} when the address cannot be bound (in use,
     * not local, not permitted).
     */
    public URI start() throws IOException {
        server.start();
        URI uri = baseUri();
        LOG.log(System.Logger.Level.INFO, "listening on " + uri);
        return uri;
    }

    /**
     * The base every absolute link is built on: the control plane's public URL, or the bound address (loopback for a
     * wildcard bind) when none is set. Known once the server has started.
     */
    public URI linkBase() {
        return publicUrl.orElseGet(() -> BoundAddress.local(server, host));
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public URI baseUri() {
        return BoundAddress.of(server, host);
    }

    /**
     * Stops accepting connections at once, ends the API's event streams, lets in-flight requests finish for up to
     * {@code grace} (zero: none, they are cut), then runs Jersey's shutdown. Idempotent.
     */
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        // A stream never finishes on its own: left open, it would hold the graceful stop for the whole grace period.
        streams.close();
        if (grace.isZero() || grace.isNegative()) {
            // Grizzly reads a zero grace period as "wait for ever"; stopping at once is shutdownNow alone.
            server.shutdownNow();
            deadlines.close();
            return;
        }
        try {
            server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 500, TimeUnit.MILLISECONDS);
            // Grizzly is done with them once their responses are out; Jersey may still be finishing them.
            inFlight.awaitIdle(JerseyInFlight.FINISHING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "requests still running after the grace period; closing them");
        } finally {
            // Only shutdownNow() destroys the Jersey container, which runs its onShutdown listeners.
            server.shutdownNow();
            deadlines.close();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /** Collects what the server serves; nothing binds until {@link RestServer#start()}. */
    public static final class Builder {

        private final String host;
        private final int port;
        private final List<Object> components = new ArrayList<>();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private final Set<String> allowedHosts = new HashSet<>();
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private PlainHandlers.Mcp mcp;
        private PlainHandlers.Metrics metrics;
        private ControlPlane controlPlane;
        private AuthorizationServer authorizationServer;
        private SignInWithGitHub github = new NoGitHubSignIn();
        private EventStreams streams = EventStreams.standard();
        private RateLimits rateLimits = RateLimits.none();
        private Clock clock = Clock.systemUTC();

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
        }

        /** Adds a resource or provider instance (the composition root news them; nothing is scanned). */
        public Builder register(Object component) {
            components.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        /**
         * Serves the MCP Streamable HTTP endpoint of every deployment at {@code /mcp/{deploymentId}} and
         * {@code /api/mcp/{deploymentId}}, with a heartbeat comment on event streams idle that long.
         */
        public Builder mcpEndpoint(ServeMcp serve, Duration heartbeat) {
            return mcpEndpoint(serve, heartbeat, new McpActivity());
        }

        /** As {@link #mcpEndpoint(ServeMcp, Duration)}, counting the endpoint's exchanges in {@code activity}. */
        public Builder mcpEndpoint(ServeMcp serve, Duration heartbeat, McpActivity activity) {
            this.mcp = new PlainHandlers.Mcp(Objects.requireNonNull(serve, "serve"),
                    Objects.requireNonNull(heartbeat, "heartbeat"), Objects.requireNonNull(activity, "activity"));
            return this;
        }

        /**
         * Serves {@code metrics} at {@code /metrics} to admins only: a personal token {@code admins} authenticates
         * as an admin's ({@link MetricsServer} serves them on a private listener instead).
         */
        public Builder metrics(PrometheusTelemetry metrics, Authenticate admins) {
            this.metrics = new PlainHandlers.Metrics(Objects.requireNonNull(metrics, "metrics"),
                    Objects.requireNonNull(admins, "admins"));
            return this;
        }

        /**
         * Serves the control-plane API under {@code /api} (everything but {@code /api/health} needs a personal
         * bearer token or a browser session) over these use cases, and the web dashboard, its client, at {@code /}.
         */
        public Builder controlPlane(ControlPlane plane) {
            this.controlPlane = Objects.requireNonNull(plane, "plane");
            return this;
        }

        /**
         * Serves the control plane's event streams ({@code /api/events}, a deployment's {@code logs/stream}) through
         * {@code streams}, which the server closes when it stops; {@link EventStreams#standard()} otherwise.
         */
        public Builder eventStreams(EventStreams streams) {
            this.streams = Objects.requireNonNull(streams, "streams");
            return this;
        }

        /**
         * Serves Catwalk as the OAuth authorization server of its deployments: {@code /authorize} (with the control
         * plane's browser sessions, so it needs {@link #controlPlane}), {@code /token}, {@code /register},
         * {@code /revoke}, the server's metadata and each deployment's protected resource metadata.
         */
        public Builder authorizationServer(AuthorizationServer server) {
            this.authorizationServer = Objects.requireNonNull(server, "server");
            return this;
        }

        /**
         * Lets browsers sign in with GitHub ({@code /auth/github}, a button on the sign-in page, linking in Settings,
         * and on the consent page before sign-in); needs {@link #controlPlane}.
         */
        public Builder githubSignIn(SignInWithGitHub signIn) {
            this.github = Objects.requireNonNull(signIn, "signIn");
            return this;
        }

        /**
         * Limits failed authentications, requests per token and client registrations as {@code limits} say, with
         * windows timed by {@code clock}; nothing is limited otherwise (a runner's server, behind its gateway).
         */
        public Builder rateLimits(RateLimits limits, Clock clock) {
            this.rateLimits = Objects.requireNonNull(limits, "limits");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Bodies above this many bytes are refused with 413. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive: " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Host names every route answers to besides loopback and the public URL's host, as for the MCP
         * endpoints ({@code *}: any); another {@code Host} outside {@code /mcp} gets 421.
         */
        public Builder allowedHosts(Set<String> hosts) {
            hosts.forEach(h -> allowedHosts.add(Objects.requireNonNull(h, "host")));
            return this;
        }

        /**
         * A request's headers must arrive within {@code headers} of its first byte and its body within
         * {@code body} of its headers, or the connection is closed.
         */
        public Builder readTimeouts(Duration headers, Duration body) {
            if (headers.isNegative() || headers.isZero() || body.isNegative() || body.isZero()) {
                throw new IllegalArgumentException("read timeouts must be positive: " + headers + ", " + body);
            }
            this.headerTimeout = headers;
            this.bodyTimeout = body;
            return this;
        }

        public RestServer build() {
            ObjectMapper mapper = Json.mapper();
            JerseyInFlight inFlight = new JerseyInFlight();
            ResourceConfig config = new ResourceConfig()
                    .property(CommonProperties.USE_VIRTUAL_THREADS, true)
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    // A relative Location stays relative: Jersey would make it absolute from the request's Host.
                    .property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true)
                    .register(new JsonProvider(mapper))
                    .register(new ProblemMapper())
                    .register(new RequiredBody())
                    .register(new BoundedBodies(maxBodyBytes))
                    .register(inFlight);
            EdgeLimits limits = new EdgeLimits(rateLimits, clock, metrics == null ? code -> { }
                    : code -> metrics.metrics().record(new TelemetryEvent.RateLimited(code)));
            AtomicReference<HttpServer> built = new AtomicReference<>();
            Set<String> hosts = new HashSet<>(allowedHosts);
            if (controlPlane != null) {
                controlPlane.publicUrl().map(URI::getHost).ifPresent(hosts::add);
                Supplier<URI> linkBase = () -> controlPlane.publicUrl().orElseGet(() -> BoundAddress.local(built.get(), host));
                ServedComponents.of(controlPlane, linkBase, streams, Optional.ofNullable(authorizationServer), github,
                                limits)
                        .forEach(c -> JerseyComponents.add(config, c));
            } else if (authorizationServer != null) {
                throw new IllegalStateException("the authorization server needs the control plane's sessions");
            }
            components.forEach(c -> JerseyComponents.add(config, c));

            String h = host.contains(":") ? "[" + host + "]" : host;
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                    URI.create("http://" + h + ":" + port + "/"), config, false);
            JsonErrorPages errorPages = new JsonErrorPages(mapper, maxBodyBytes);
            var serverConfig = server.getServerConfiguration();
            // Off: Grizzly would answer an MCP request's oversized body before the MCP handler checks its token and
            // answers it as JSON-RPC. The edge refuses a declared length over the bound elsewhere (EdgeGuard), Jersey
            // bounds what it reads (BoundedBodies), the MCP handler reads at most the bound.
            serverConfig.setMaxPostSize(-1);
            serverConfig.setDefaultErrorPageGenerator(errorPages);
            serverConfig.setHttpServerName("Catwalk");
            serverConfig.setHttpServerVersion("");
            if (controlPlane != null) {
                WebUi.register(serverConfig);
            }
            PlainHandlers.register(serverConfig, mcp, metrics, limits);
            ReadDeadlines deadlines = new ReadDeadlines(headerTimeout, bodyTimeout);
            for (NetworkListener listener : server.getListeners()) {
                listener.setDefaultErrorPageGenerator(errorPages);
                listener.registerAddOn(new NoProtocolUpgrades());
                listener.registerAddOn(new EdgeGuard(hosts, deadlines, mapper, rateLimits.trustedProxies(),
                        maxBodyBytes));
            }
            built.set(server);
            return new RestServer(server, host, deadlines, inFlight, streams,
                    controlPlane == null ? Optional.empty() : controlPlane.publicUrl());
        }
    }
}
