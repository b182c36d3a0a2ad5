package live.catwalk.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import live.catwalk.adapters.rest.HealthResource;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.core.health.port.in.CheckHealth;
import live.catwalk.core.health.usecase.CheckHealthService;

/**
 * The composition root: news every component in dependency order from the parsed configuration, and
 * closes them in reverse. Nothing else in Catwalk creates adapters.
 */
final class Application implements AutoCloseable {

    /** In-flight requests get this long to finish on stop; with start-up of the stop it stays under 10 s. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(8);

    private final RestServer server;
    private final URI uri;

    private Application(RestServer server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /** Builds everything and starts serving; throws {@link IOException} when the address cannot be bound. */
    static Application start(CatwalkConfig config, String version) throws IOException {
        CheckHealth checkHealth = new CheckHealthService(version, List.of(new JvmHealthProbe()));
        RestServer server = RestServer.builder(config.bind(), config.port())
                .maxBodyBytes(config.maxBodyBytes())
                .register(new HealthResource(checkHealth))
                .build();
        try {
            return new Application(server, server.start());
        } catch (IOException | RuntimeException e) {
            server.stop(Duration.ZERO);
            throw e;
        }
    }

    URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.stop(SHUTDOWN_GRACE);
    }
}
