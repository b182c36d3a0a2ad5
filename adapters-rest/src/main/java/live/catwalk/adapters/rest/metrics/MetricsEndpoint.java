package live.catwalk.adapters.rest.metrics;

import java.util.Optional;
import live.catwalk.core.account.port.in.Authenticate;
import org.glassfish.grizzly.http.server.HttpHandler;

/** Builds the {@code /metrics} handler for {@link live.catwalk.adapters.rest.RestServer} and its own listener. */
public final class MetricsEndpoint {

    private MetricsEndpoint() {
    }

    /** Answers only an admin's personal token, checked by {@code authenticate}. */
    public static HttpHandler forAdmins(PrometheusTelemetry metrics, Authenticate authenticate) {
        return new MetricsHandler(metrics, Optional.of(authenticate));
    }

    /** Answers whoever reaches it: only for a listener on a private address. */
    public static HttpHandler open(PrometheusTelemetry metrics) {
        return new MetricsHandler(metrics, Optional.empty());
    }
}
