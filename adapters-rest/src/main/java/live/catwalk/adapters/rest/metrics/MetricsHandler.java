package live.catwalk.adapters.rest.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.rest.Bearer;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.shared.CatwalkException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code GET /metrics}: the Prometheus text exposition. With {@code admins}, only for an admin's personal token
 * ({@code Authorization: Bearer cwk_…}; none or a bad one is 401, another user's 403); without, for anyone who can
 * reach the listener it is on, which must then be a private one. Errors are problem JSON, as elsewhere.
 */
final class MetricsHandler extends HttpHandler {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusTelemetry metrics;
    private final Optional<Authenticate> admins;

    MetricsHandler(PrometheusTelemetry metrics, Optional<Authenticate> admins) {
        super("metrics");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.admins = Objects.requireNonNull(admins, "admins");
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (!"/metrics".equals(request.getRequestURI())) {
            problem(response, 404, "not_found", "There is nothing under /metrics/.", null);
            return;
        }
        String method = request.getMethod().getMethodString();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            problem(response, 405, "method_not_allowed", method + " is not allowed here.", null);
            return;
        }
        if (admins.isPresent() && !admitted(request, response, admins.get())) {
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        if (method.equals("GET")) {
            response.getOutputStream().write(body);
        }
    }

    /** Whether the caller presented an admin's token; if not, the refusal is written. */
    private static boolean admitted(Request request, Response response, Authenticate authenticate) throws IOException {
        Optional<Principal> caller;
        try {
            caller = Bearer.token(request.getHeader("Authorization")).flatMap(authenticate::authenticate);
        } catch (CatwalkException e) {
            problem(response, 503, "upstream_unavailable", "The token could not be checked now.", "Retry shortly.");
            return false;
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"catwalk\"");
            problem(response, 401, "unauthorized", "The metrics need an admin's personal token.",
                    "Send 'Authorization: Bearer cwk_…' with an admin's token, or set CATWALK_METRICS_BIND to serve "
                            + "them on a private address without one.");
            return false;
        }
        if (!caller.get().isAdmin()) {
            problem(response, 403, "forbidden", "Only admins may read the metrics.", null);
            return false;
        }
        return true;
    }

    private static void problem(Response response, int status, String error, String message, String hint)
            throws IOException {
        ObjectNode problem = JsonNodeFactory.instance.objectNode().put("error", error).put("message", message);
        if (hint != null) {
            problem.put("hint", hint);
        }
        byte[] body = problem.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
