package live.catwalk.adapters.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

/** Collects what the server serves; nothing binds until {@link RestServer#start()}. */
public final class RestServerBuilder {

    private final String host;
    private final int port;
    private final List<Object> components = new ArrayList<>();
    private long maxBodyBytes = RestServer.DEFAULT_MAX_BODY_BYTES;
    private final Set<String> allowedHosts = new HashSet<>();
    private Duration headerTimeout = RestServer.DEFAULT_HEADER_TIMEOUT;
    private Duration bodyTimeout = RestServer.DEFAULT_BODY_TIMEOUT;
    private PlainHandlers.Mcp mcp;
    private PlainHandlers.Metrics metrics;
    private ControlPlane controlPlane;
    private AuthorizationServer authorizationServer;
    private SignInWithGitHub github = new NoGitHubSignIn();
    private EventStreams streams = EventStreams.standard();
    private RateLimits rateLimits = RateLimits.none();
    private Clock clock = Clock.systemUTC();

    RestServerBuilder(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
    }

    /** Adds a resource or provider instance (the composition root news them; nothing is scanned). */
    public RestServerBuilder register(Object component) {
        components.add(Objects.requireNonNull(component, "component"));
        return this;
    }

    /**
     * Serves the MCP Streamable HTTP endpoint of every deployment at {@code /mcp/{deploymentId}} and
     * {@code /api/mcp/{deploymentId}}, with a heartbeat comment on event streams idle that long.
     */
    public RestServerBuilder mcpEndpoint(ServeMcp serve, Duration heartbeat) {
        return mcpEndpoint(serve, heartbeat, new McpActivity());
    }

    /** As {@link #mcpEndpoint(ServeMcp, Duration)}, counting the endpoint's exchanges in {@code activity}. */
    public RestServerBuilder mcpEndpoint(ServeMcp serve, Duration heartbeat, McpActivity activity) {
        this.mcp = new PlainHandlers.Mcp(Objects.requireNonNull(serve, "serve"),
                Objects.requireNonNull(heartbeat, "heartbeat"), Objects.requireNonNull(activity, "activity"));
        return this;
    }

    /**
     * Serves {@code metrics} at {@code /metrics} to admins only: a personal token {@code admins} authenticates
     * as an admin's ({@link MetricsServer} serves them on a private listener instead).
     */
    public RestServerBuilder metrics(PrometheusTelemetry metrics, Authenticate admins) {
        this.metrics = new PlainHandlers.Metrics(Objects.requireNonNull(metrics, "metrics"),
                Objects.requireNonNull(admins, "admins"));
        return this;
    }

    /**
     * Serves the control-plane API under {@code /api} (everything but {@code /api/health} needs a personal
     * bearer token or a browser session) over these use cases, and the web dashboard, its client, at {@code /}.
     */
    public RestServerBuilder controlPlane(ControlPlane plane) {
        this.controlPlane = Objects.requireNonNull(plane, "plane");
        return this;
    }

    /**
     * Serves the control plane's event streams ({@code /api/events}, a deployment's {@code logs/stream}) through
     * {@code streams}, which the server closes when it stops; {@link EventStreams#standard()} otherwise.
     */
    public RestServerBuilder eventStreams(EventStreams streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
        return this;
    }

    /**
     * Serves Catwalk as the OAuth authorization server of its deployments: {@code /authorize} (with the control
     * plane's browser sessions, so it needs {@link #controlPlane}), {@code /token}, {@code /register},
     * {@code /revoke}, the server's metadata and each deployment's protected resource metadata.
     */
    public RestServerBuilder authorizationServer(AuthorizationServer server) {
        this.authorizationServer = Objects.requireNonNull(server, "server");
        return this;
    }

    /**
     * Lets browsers sign in with GitHub ({@code /auth/github}, a button on the sign-in page, linking in Settings,
     * and on the consent page before sign-in); needs {@link #controlPlane}.
     */
    public RestServerBuilder githubSignIn(SignInWithGitHub signIn) {
        this.github = Objects.requireNonNull(signIn, "signIn");
        return this;
    }

    /**
     * Limits failed authentications, requests per token and client registrations as {@code limits} say, with
     * windows timed by {@code clock}; nothing is limited otherwise (a runner's server, behind its gateway).
     */
    public RestServerBuilder rateLimits(RateLimits limits, Clock clock) {
        this.rateLimits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Bodies above this many bytes are refused with 413. */
    public RestServerBuilder maxBodyBytes(long bytes) {
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
    public RestServerBuilder allowedHosts(Set<String> hosts) {
        hosts.forEach(h -> allowedHosts.add(Objects.requireNonNull(h, "host")));
        return this;
    }

    /**
     * A request's headers must arrive within {@code headers} of its first byte and its body within
     * {@code body} of its headers, or the connection is closed.
     */
    public RestServerBuilder readTimeouts(Duration headers, Duration body) {
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
