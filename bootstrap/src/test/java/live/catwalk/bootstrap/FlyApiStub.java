package live.catwalk.bootstrap;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Fly Machines API as far as Catwalk's Fly runtime uses it, with state, for {@link #APP} and any other apps
 * named: machines are created (their config, env included, kept), updated, started, stopped, suspended, restarted
 * (then {@code restarting} until the test says the machine is {@link #started}), listed (by metadata too) and
 * destroyed; {@code /wait} answers once the machine is in the state asked for, else 408 as Fly does; every call is
 * recorded as "METHOD path", and with its app and {@code Authorization} header in {@link #exchanges}. An app may
 * accept one token only ({@link #accepting}): any other is answered 401. Machines never run anything: a test starts
 * what a started machine would run.
 */
final class FlyApiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String APP = "catwalk-runners";

    /** One call: the app it was made on, its method and path, and the {@code Authorization} it carried. */
    record Exchange(String app, String method, String path, String authorization) {
    }

    private final HttpServer server;
    /** Each app's machines by id. */
    private final Map<String, Map<String, ObjectNode>> machines = new ConcurrentHashMap<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Each app's machines made so far, which numbers the next (ids are never reused). */
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    FlyApiStub() throws IOException {
        this(APP);
    }

    /** Serves the machines of {@code apps}. */
    FlyApiStub(String... apps) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // waits may block
        for (String app : apps) {
            machines.put(app, new ConcurrentHashMap<>());
            created.put(app, new AtomicInteger());
            server.createContext("/v1/apps/" + app + "/machines", exchange -> handle(app, exchange));
        }
        server.start();
    }

    /** From now on {@code app} answers only calls whose {@code Authorization} is exactly {@code authorization}. */
    FlyApiStub accepting(String app, String authorization) {
        accepted.put(app, authorization);
        return this;
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** The machine's config env as the gateway last set it; empty when there is no such machine. */
    Map<String, String> env(String id) {
        return env(APP, id);
    }

    /** As {@link #env(String)}, for a machine of {@code app}. */
    Map<String, String> env(String app, String id) {
        ObjectNode machine = machines.get(app).get(id);
        return machine == null ? Map.of() : JSON.convertValue(machine.path("config").path("env"),
                JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    /** The deployment the machine's metadata names; empty when there is no such machine. */
    String deployment(String app, String id) {
        ObjectNode machine = machines.get(app).get(id);
        return machine == null ? "" : machine.path("config").path("metadata").path("catwalk_deployment").asText();
    }

    /** Waits up to {@code within} for the machine to be started (as the gateway asked Fly to). */
    void awaitStarted(String id, java.time.Duration within) throws InterruptedException {
        awaitStarted(APP, id, within);
    }

    /** As {@link #awaitStarted(String, java.time.Duration)}, for a machine of {@code app}. */
    void awaitStarted(String app, String id, java.time.Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!"started".equals(state(app, id)) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    /**
     * What the machine's runner starts with: the env the gateway gave the machine, listening on this host's
     * {@code port} (where the test's runner URL template points) instead of Fly's private network.
     */
    Map<String, String> runnerEnv(String id, int port) {
        Map<String, String> env = new java.util.HashMap<>(env(id));
        env.put("CATWALK_RUNNER_BIND", "127.0.0.1:" + port);
        return env;
    }

    /** The machine has (re)booted: from now on it is {@code started}. */
    void started(String id) {
        machines.get(APP).get(id).put("state", "started");
    }

    /** The calls that change machines (every POST and DELETE), in order; listings and waits left out. */
    List<String> actions() {
        return calls.stream().filter(c -> !c.startsWith("GET ")).toList();
    }

    /** Waits up to {@code within} until the stub has received {@code call}. */
    void awaitCall(String call, java.time.Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!calls.contains(call) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        if (!calls.contains(call)) {
            throw new AssertionError("no " + call + " within " + within + ": " + calls);
        }
    }

    /**
     * Waits up to {@code within} for the machine whose metadata names {@code deployment} to be started (as the
     * gateway asked Fly to) and returns its id.
     */
    String awaitStartedMachineOf(String deployment, java.time.Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            for (ObjectNode machine : machines.get(APP).values()) {
                if (deployment.equals(machine.path("config").path("metadata").path("catwalk_deployment").asText())
                        && "started".equals(machine.path("state").asText())) {
                    return machine.path("id").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no started machine of deployment " + deployment + " within " + within + ": "
                + calls);
    }

    /** Adds a machine in {@code state} whose metadata names {@code deployment}, as if some gateway had made it. */
    void put(String id, String state, String deployment) {
        ObjectNode machine = JSON.createObjectNode().put("id", id).put("state", state).put("instance_id", id + "-v1")
                .put("region", "ams");
        machine.putObject("config").putObject("metadata").put("catwalk_deployment", deployment);
        machines.get(APP).put(id, machine);
    }

    /** The ids of the machines that exist, in any state. */
    List<String> machineIds() {
        return machineIds(APP);
    }

    /** The ids of {@code app}'s machines that exist, in any state. */
    List<String> machineIds(String app) {
        return List.copyOf(machines.get(app).keySet());
    }

    String state(String id) {
        return state(APP, id);
    }

    String state(String app, String id) {
        ObjectNode machine = machines.get(app).get(id);
        return machine == null ? "destroyed" : machine.path("state").asText();
    }

    private void handle(String app, HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        calls.add(method + " " + uri.getPath());
        exchanges.add(new Exchange(app, method, uri.getPath(), authorization));
        byte[] in = exchange.getRequestBody().readAllBytes();
        String wanted = accepted.get(app);
        if (wanted != null && !wanted.equals(authorization)) {
            reply(exchange, 401, JSON.createObjectNode().put("error", "unauthorized"));
            return;
        }
        Map<String, ObjectNode> ofApp = machines.get(app);
        String rest = uri.getPath().substring(("/v1/apps/" + app + "/machines").length());
        JsonNode body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
        if (rest.isEmpty() && method.equals("GET")) {
            String query = uri.getQuery() == null ? "" : uri.getQuery();
            ArrayNode list = JSON.createArrayNode();
            ofApp.values().stream().filter(m -> query.isEmpty() || query.endsWith("="
                    + m.path("config").path("metadata").path("catwalk_deployment").asText())).forEach(list::add);
            reply(exchange, 200, list);
        } else if (rest.isEmpty() && method.equals("POST")) {
            String id = "m" + created.get(app).incrementAndGet();
            ObjectNode machine = JSON.createObjectNode().put("id", id).put("state", "created")
                    .put("instance_id", id + "-v1").put("region", "ams");
            machine.set("config", body.path("config"));
            ofApp.put(id, machine);
            reply(exchange, 200, machine);
        } else {
            String[] parts = rest.substring(1).split("/");
            ObjectNode machine = ofApp.get(parts[0]);
            if (machine == null) {
                reply(exchange, 404, JSON.createObjectNode().put("error", "machine not found"));
                return;
            }
            String action = parts.length > 1 ? parts[1] : "";
            switch (method + " " + action) {
                case "POST " -> machine.set("config", body.path("config"));
                case "POST start" -> machine.put("state", "started");
                case "POST stop" -> machine.put("state", "stopped");
                case "POST suspend" -> machine.put("state", "suspended");
                case "POST restart" -> machine.put("state", "restarting");
                case "DELETE " -> ofApp.remove(parts[0]);
                default -> { }
            }
            if (action.equals("wait")) {
                waitFor(exchange, machine, uri.getQuery());
                return;
            }
            reply(exchange, 200, machine);
        }
    }

    /** Fly's {@code /wait}: 200 once the machine is in the state asked for, else 408 after a short while. */
    private static void waitFor(HttpExchange exchange, ObjectNode machine, String query) throws IOException {
        String wanted = query == null ? "started" : query.replaceAll(".*state=([a-z]+).*", "$1");
        long until = System.nanoTime() + java.time.Duration.ofMillis(500).toNanos();
        while (!wanted.equals(machine.path("state").asText()) && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean there = wanted.equals(machine.path("state").asText());
        reply(exchange, there ? 200 : 408, there ? JSON.createObjectNode().put("ok", true)
                : JSON.createObjectNode().put("error", "deadline_exceeded: machine is not " + wanted));
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
