package live.catwalk.adapters.fly;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.port.out.McpUpstream;

/**
 * The upstream of a deployment whose server runs on its own machine: each exchange goes on to the runner there
 * ({@code <runner>/mcp/<deployment>}) with the runner's secret and the caller's principal in
 * {@value #PRINCIPAL_HEADER}, never the client's credential; the MCP headers pass as the client sent them, and an
 * event stream comes back frame by frame as the runner writes it. A runner that cannot be reached, or answers out
 * of protocol, gets the client a JSON-RPC error (502, or 504 when it did not answer in time) and is reported to
 * {@code unreachable}. Thread-safe.
 */
public final class RunnerForwarder implements McpUpstream {

    /** The header that carries the caller's principal to the runner. */
    public static final String PRINCIPAL_HEADER = "Catwalk-Principal";
    /** The client's headers that pass on to the runner; every other stays at the gateway. */
    static final List<String> FORWARDED = List.of("Accept", "Content-Type", "Mcp-Session-Id", "MCP-Protocol-Version",
            "Last-Event-ID", "Mcp-Method", "Mcp-Name");
    /** The runner's headers that pass back to the client. */
    static final List<String> RETURNED = List.of("Mcp-Session-Id", "MCP-Protocol-Version", "Retry-After",
            "Cache-Control");
    /** The largest JSON answer taken from a runner. */
    static final int MAX_JSON = 16 * 1024 * 1024;
    /** JSON-RPC's code for a server error Catwalk reports. */
    private static final int UPSTREAM_ERROR = -32603;

    /** Where a deployment's runner listens and the secret it wants. */
    public record Runner(URI base, String secret) {
        public Runner {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Runner[" + base + "]";
        }
    }

    private final String deploymentId;
    private final HttpClient http;
    private final Function<String, Optional<Runner>> runners;
    private final Duration answerTimeout;
    private final Consumer<String> unreachable;

    /**
     * Forwards {@code deploymentId}'s exchanges over {@code http} (which must not follow redirects) to the runner
     * {@code runners} names (asked at each exchange: a machine may move); a runner has {@code answerTimeout} to
     * start answering (long tool calls stream their progress, so this bounds only the wait for the first byte).
     */
    public RunnerForwarder(String deploymentId, HttpClient http, Function<String, Optional<Runner>> runners,
                           Duration answerTimeout, Consumer<String> unreachable) {
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.http = Objects.requireNonNull(http, "http");
        this.runners = Objects.requireNonNull(runners, "runners");
        this.answerTimeout = Objects.requireNonNull(answerTimeout, "answerTimeout");
        this.unreachable = Objects.requireNonNull(unreachable, "unreachable");
    }

    @Override
    public McpHttpResponse exchange(Exchange exchange) throws InterruptedException {
        var id = exchange.posted().map(Posted::replyId).orElse(null);
        Optional<Runner> runner = runners.apply(deploymentId);
        if (runner.isEmpty()) {
            return McpReplies.error(503, UPSTREAM_ERROR, "The deployment's machine is not running; try again shortly.",
                    id, Map.of("Retry-After", "5"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.get().base().resolve("mcp/" + deploymentId))
                .timeout(answerTimeout)
                .header("Authorization", "Bearer " + runner.get().secret())
                .header(PRINCIPAL_HEADER, exchange.principal());
        for (String name : FORWARDED) {
            exchange.headers().joined(name).ifPresent(value -> request.header(name, value));
        }
        request.method(exchange.method(), exchange.posted()
                .map(p -> HttpRequest.BodyPublishers.ofByteArray(p.bytes()))
                .orElseGet(HttpRequest.BodyPublishers::noBody));
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            unreachable.accept(deploymentId);
            return McpReplies.error(504, UPSTREAM_ERROR, "The deployment's server did not answer within "
                    + answerTimeout.toSeconds() + " s.", id, Map.of());
        } catch (IOException e) {
            unreachable.accept(deploymentId);
            return McpReplies.error(502, UPSTREAM_ERROR, "The deployment's machine cannot be reached; Catwalk is "
                    + "restarting it. Try again shortly.", id, Map.of("Retry-After", "5"));
        }
        return relayed(answer, id);
    }

    private McpHttpResponse relayed(HttpResponse<InputStream> answer, com.fasterxml.jackson.databind.JsonNode id) {
        int status = answer.statusCode();
        Map<String, String> headers = new HashMap<>();
        for (String name : RETURNED) {
            answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (status == 401 || status == 403) {
            close(answer.body());
            unreachable.accept(deploymentId);
            return McpReplies.error(502, UPSTREAM_ERROR, "The deployment's machine refused Catwalk; Catwalk is "
                    + "restarting it.", id, Map.of());
        }
        if (status == 200 && type.startsWith("text/event-stream")) {
            return new McpHttpResponse.Stream(headers, new RemoteEvents(answer.body(), deploymentId));
        }
        try (InputStream body = answer.body()) {
            byte[] bytes = body.readNBytes(MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                return McpReplies.error(502, UPSTREAM_ERROR, "The deployment's answer is larger than "
                        + MAX_JSON + " bytes.", id, Map.of());
            }
            return bytes.length == 0 || !type.startsWith("application/json")
                    ? new McpHttpResponse.Empty(status, headers)
                    : new McpHttpResponse.Json(status, headers, bytes);
        } catch (IOException e) {
            unreachable.accept(deploymentId);
            return McpReplies.error(502, UPSTREAM_ERROR, "The deployment's machine broke off its answer.", id,
                    Map.of());
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing to do: the answer is dropped either way
        }
    }
}
