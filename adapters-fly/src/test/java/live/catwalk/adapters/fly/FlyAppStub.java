package live.catwalk.adapters.fly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Fly app with state, as far as {@link FlyRuntime} uses it: the Machines API (machines are created, updated,
 * each update a new {@code instance_id}, started, stopped, restarted, waited for, listed by metadata too, and
 * destroyed, which drops them from the list as Fly does without {@code include_deleted}) and, at
 * {@link #runnerUrl()}, the runner of each started machine: {@code /status} says its server is alive and
 * {@code /logs} gives three lines, every one it has whatever {@code lines} asks (so any bound is the runtime's
 * own); both want the machine's {@code CATWALK_RUNNER_SECRET} as Bearer token, as a runner does. Machines run
 * nothing.
 */
final class FlyAppStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINES = "/v1/apps/" + FlyStubs.APP + "/machines";

    private final HttpServer server;
    private final Map<String, ObjectNode> machines = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();

    FlyAppStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(MACHINES, exchange -> answer(exchange, this::machines));
        server.createContext("/runner/", exchange -> answer(exchange, this::runner));
        server.start();
    }

    URI api() {
        return URI.create(base() + "/v1");
    }

    /** The runner URL template of the app's machines. */
    String runnerUrl() {
        return base() + "/runner/{machine}";
    }

    /** The ids of the machines that exist, in any state. */
    List<String> machineIds() {
        return List.copyOf(machines.keySet());
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Reply machines(HttpExchange exchange, JsonNode body) {
        String method = exchange.getRequestMethod();
        String rest = exchange.getRequestURI().getPath().substring(MACHINES.length());
        Map<String, String> query = query(exchange.getRequestURI());
        if (rest.isEmpty() && method.equals("GET")) {
            String wanted = query.get("metadata." + Machine.DEPLOYMENT_KEY);
            ArrayNode list = JSON.createArrayNode();
            machines.values().stream().filter(m -> wanted == null || wanted.equals(deployment(m))).forEach(list::add);
            return new Reply(200, list);
        }
        if (rest.isEmpty() && method.equals("POST")) {
            String id = "m" + made.incrementAndGet();
            ObjectNode machine = JSON.createObjectNode().put("id", id).put("instance_id", id + "-v1")
                    .put("region", "ams").put("state", body.path("skip_launch").asBoolean() ? "created" : "started");
            machine.set("config", body.path("config"));
            machines.put(id, machine);
            return new Reply(200, machine);
        }
        String[] parts = rest.substring(1).split("/");
        ObjectNode machine = machines.get(parts[0]);
        String action = method + " " + (parts.length > 1 ? parts[1] : "");
        if (machine == null) {
            boolean gone = action.equals("GET wait") && "destroyed".equals(query.get("state"));
            return gone ? ok() : new Reply(404, JSON.createObjectNode().put("error", "machine not found"));
        }
        switch (action) {
            case "POST " -> {
                machine.set("config", body.path("config"));
                machine.put("instance_id", parts[0] + "-v" + (version(machine) + 1));
            }
            case "POST start", "POST restart" -> machine.put("state", "started");
            case "POST stop" -> machine.put("state", "stopped");
            case "POST suspend" -> machine.put("state", "suspended");
            case "DELETE " -> machines.remove(parts[0]);
            case "GET wait" -> {
                // Fly holds the request until the state is reached; nothing changes here meanwhile.
                return query.get("state").equals(machine.path("state").asText()) ? ok() : new Reply(408, null);
            }
            case "GET " -> { }
            default -> {
                return new Reply(400, JSON.createObjectNode().put("error", "not stubbed: " + action));
            }
        }
        return new Reply(200, machine);
    }

    private Reply runner(HttpExchange exchange, JsonNode body) {
        String[] parts = exchange.getRequestURI().getPath().substring("/runner/".length()).split("/");
        ObjectNode machine = machines.get(parts[0]);
        if (machine == null || !"started".equals(machine.path("state").asText())) {
            return new Reply(503, null); // nothing listens on a machine that does not run
        }
        String secret = machine.path("config").path("env").path(RunnerSecret.VARIABLE).asText();
        if (secret.isEmpty() || !("Bearer " + secret).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Reply(401, JSON.createObjectNode().put("error", "unauthorized"));
        }
        return switch (parts.length > 1 ? parts[1] : "") {
            case "status" -> new Reply(200, JSON.createObjectNode().put("alive", true).put("restarts", 0)
                    .put("sessions", 0));
            case "logs" -> {
                ObjectNode logs = JSON.createObjectNode();
                logs.putArray("lines").add("runner on " + parts[0] + " started").add("server started")
                        .add("server initialized");
                yield new Reply(200, logs);
            }
            default -> new Reply(404, JSON.createObjectNode().put("error", "not found"));
        };
    }

    private static String deployment(JsonNode machine) {
        return machine.path("config").path("metadata").path(Machine.DEPLOYMENT_KEY).asText(null);
    }

    private static int version(JsonNode machine) {
        String instance = machine.path("instance_id").asText();
        return Integer.parseInt(instance.substring(instance.lastIndexOf("-v") + 2));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Reply ok() {
        return new Reply(200, JSON.createObjectNode().put("ok", true));
    }

    private record Reply(int status, JsonNode body) {
    }

    private interface Route {
        Reply handle(HttpExchange exchange, JsonNode body);
    }

    private static void answer(HttpExchange exchange, Route route) throws IOException {
        try (exchange) {
            byte[] in = exchange.getRequestBody().readAllBytes();
            Reply reply = route.handle(exchange, in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in));
            byte[] out = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
