package live.catwalk.adapters.fly;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Reads a runner over the private network: {@code GET /logs?lines=n} and {@code GET /status}, at the base the
 * URL template gives ({@code {machine}} and {@code {app}} filled in), with the machine's runner secret as Bearer
 * token. Bounded in time and size; never follows redirects. Thread-safe.
 */
final class RunnerClient {

    static final String DEFAULT_TEMPLATE = "http://{machine}.vm.{app}.internal:8080";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 1 << 20;

    private final HttpClient client;
    private final String template;
    private final String app;
    private final RunnerSecret secrets;
    private final Duration timeout;

    RunnerClient(HttpClient client, String template, String app, RunnerSecret secrets, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        if (!template.contains("{machine}")) {
            throw new IllegalArgumentException("the runner URL template needs {machine}");
        }
        this.template = template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
        this.app = Objects.requireNonNull(app, "app");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The runner's base URL on machine {@code machineId}, ending in {@code /}: its routes resolve against it, so a
     * template's query (a gateway outside Fly's network may need one to tell machines apart) is not in their way.
     */
    URI base(String machineId) {
        String url = template.replace("{machine}", machineId).replace("{app}", app);
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The last {@code lines} (1..1000) stderr lines the runner kept; UPSTREAM_UNAVAILABLE when it does not say. */
    List<String> logs(DeploymentId deployment, String machineId, int lines) {
        int n = Math.clamp(lines, 1, 1000);
        JsonNode answer = get(deployment, machineId, "logs?lines=" + n, timeout);
        JsonNode found = answer.path("lines");
        if (!found.isArray()) {
            throw unavailable(deployment, "answered /logs without lines");
        }
        List<String> out = new ArrayList<>();
        found.forEach(line -> out.add(line.asText()));
        return List.copyOf(out.size() > n ? out.subList(out.size() - n, out.size()) : out);
    }

    /** Whether the runner says its server is alive within {@code within}; any failure is {@code false}. */
    boolean alive(DeploymentId deployment, String machineId, Duration within) {
        try {
            return get(deployment, machineId, "status", within).path("alive").asBoolean(false);
        } catch (CatwalkException e) {
            return false;
        }
    }

    /**
     * Whether the runner says no MCP exchange is in flight and none has been for at least {@code idle}; any failure
     * is {@code false} (a runner that does not answer is not suspended, it is unhealthy).
     */
    boolean idleFor(DeploymentId deployment, String machineId, Duration idle) {
        try {
            JsonNode status = get(deployment, machineId, "status", timeout);
            return status.path("inFlight").isInt() && status.path("inFlight").asInt() == 0
                    && status.path("idleSeconds").canConvertToLong()
                    && status.path("idleSeconds").asLong() >= idle.toSeconds();
        } catch (CatwalkException e) {
            return false;
        }
    }

    private JsonNode get(DeploymentId deployment, String machineId, String path, Duration within) {
        HttpRequest request = HttpRequest.newBuilder(base(machineId).resolve(path)).timeout(within)
                .header("Authorization", "Bearer " + secrets.of(machineId)).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<byte[]> response = CappedBody.exchange(client, request, MAX_BYTES, within);
            if (response.statusCode() != 200) {
                throw unavailable(deployment, "answered /" + path.replaceAll("\\?.*", "") + " with HTTP "
                        + response.statusCode());
            }
            byte[] body = response.body();
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw unavailable(deployment, "answered malformed JSON").withCause(e);
        } catch (CappedBody.TooLarge e) {
            throw unavailable(deployment, "answered with more than " + MAX_BYTES + " bytes").withCause(e);
        } catch (HttpTimeoutException e) {
            throw unavailable(deployment, "did not answer within " + within.toMillis() + " ms").withCause(e);
        } catch (IOException e) {
            throw unavailable(deployment, "could not be reached").withCause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(deployment, "was interrupted").withCause(e);
        }
    }

    private static CatwalkException unavailable(DeploymentId deployment, String what) {
        return CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "the runner of deployment " + deployment + " " + what)
                .withCode("runner_unavailable")
                .withHint("the machine may still be starting; its state shows in the deployment's events");
    }
}
