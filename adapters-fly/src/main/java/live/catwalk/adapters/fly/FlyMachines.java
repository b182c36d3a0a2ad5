package live.catwalk.adapters.fly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * A client of the Fly Machines REST API for one app ({@code https://api.machines.dev/v1} by default): create,
 * update, get, wait for, stop, start, restart, suspend, destroy and list machines. Failures are
 * {@link CatwalkException}s (see {@link FlyErrors}); no message carries the token or an env value. Thread-safe.
 */
final class FlyMachines {

    /** Fly holds a {@code /wait} open for at most a minute; longer waits are several of them. */
    static final int MAX_WAIT_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> NONE = Set.of();

    private final FlyHttp http;
    private final String machines;
    private final Clock clock;

    FlyMachines(FlyHttp http, String app, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        if (!Objects.requireNonNull(app, "app").matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a Fly app name is lower-case letters, digits and -");
        }
        this.machines = "/apps/" + app + "/machines";
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the deployment's machine ({@code skipLaunch}: created, not started) with {@code env}. */
    Machine create(MachineSpec spec, DeploymentId deployment, Map<String, String> env, boolean skipLaunch) {
        ObjectNode body = JSON.createObjectNode();
        spec.region().ifPresent(region -> body.put("region", region));
        body.put("skip_launch", skipLaunch);
        body.set("config", config(spec, deployment, env));
        return machine(http.send("create a machine", "POST", machines, bytes(body), NONE, values(env)));
    }

    /** Replaces {@code machine}'s whole config (an update restarts a running machine; Fly cannot patch). */
    Machine update(Machine machine, MachineSpec spec, DeploymentId deployment, Map<String, String> env,
            boolean skipLaunch) {
        ObjectNode body = JSON.createObjectNode();
        body.set("config", config(spec, deployment, env));
        body.put("current_version", machine.instanceId());
        body.put("skip_launch", skipLaunch);
        return machine(http.send("update machine " + machine.id(), "POST", one(machine.id()), bytes(body), NONE,
                values(env)));
    }

    Machine get(String id) {
        return machine(http.send("get machine " + id, "GET", one(id), null, NONE, List.of()));
    }

    /**
     * Waits until the machine is in {@code state} ({@code started}, {@code stopped}, {@code suspended},
     * {@code destroyed}), re-asking after each 408 until {@code within} has passed; then UPSTREAM_UNAVAILABLE.
     * {@code instanceId} is the version to watch (Fly requires it for {@code stopped}).
     */
    void waitFor(String id, String state, Optional<String> instanceId, Duration within) {
        Instant deadline = clock.instant().plus(within);
        String action = "wait for machine " + id + " to be " + state;
        while (true) {
            long left = Duration.between(clock.instant(), deadline).toSeconds();
            if (left < 1) {
                throw CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "the Fly machine " + id + " was not " + state
                        + " within " + within.toSeconds() + " s").withCode("fly_wait_timed_out")
                        .withHint("see the machine's events: fly machine status " + id);
            }
            long seconds = Math.min(MAX_WAIT_SECONDS, left);
            String query = "?state=" + state + "&timeout=" + seconds
                    + instanceId.filter(v -> !v.isEmpty()).map(v -> "&instance_id=" + encode(v)).orElse("");
            FlyHttp.Reply reply = http.send(action, "GET", one(id) + "/wait" + query, null, Set.of(408), List.of(),
                    Duration.ofSeconds(seconds + 15));
            if (reply.status() != 408) {
                return;
            }
        }
    }

    /** Asks the machine to stop: SIGTERM, then Fly kills it after {@code timeout}. */
    void stop(String id, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("signal", "SIGTERM").put("timeout", timeout.toSeconds() + "s");
        http.send("stop machine " + id, "POST", one(id) + "/stop", bytes(body), NONE, List.of());
    }

    void start(String id) {
        http.send("start machine " + id, "POST", one(id) + "/start", null, NONE, List.of());
    }

    void restart(String id) {
        http.send("restart machine " + id, "POST", one(id) + "/restart", null, NONE, List.of());
    }

    void suspend(String id) {
        http.send("suspend machine " + id, "POST", one(id) + "/suspend", null, NONE, List.of());
    }

    /** Destroys the machine, running or not ({@code force=true}). */
    void destroy(String id) {
        http.send("destroy machine " + id, "DELETE", one(id) + "?force=true", null, NONE, List.of());
    }

    /**
     * The app's Catwalk machines: those whose metadata names {@code deployment} (filtered by Fly, and again here),
     * or with no deployment given, every machine that names one.
     */
    List<Machine> list(Optional<DeploymentId> deployment) {
        String query = deployment.map(d -> "?metadata." + Machine.DEPLOYMENT_KEY + "=" + encode(d.value())).orElse("");
        JsonNode answer = tree(http.send("list machines", "GET", machines + query, null, NONE, List.of()));
        if (!answer.isArray()) {
            throw malformed("list machines");
        }
        List<Machine> found = new ArrayList<>();
        for (JsonNode node : answer) {
            Machine machine = Machine.of(node);
            if (machine.deployment().isPresent()
                    && deployment.map(d -> d.value().equals(machine.deployment().get())).orElse(true)) {
                found.add(machine);
            }
        }
        return List.copyOf(found);
    }

    private static ObjectNode config(MachineSpec spec, DeploymentId deployment, Map<String, String> env) {
        ObjectNode config = JSON.createObjectNode().put("image", spec.image());
        ObjectNode vars = config.putObject("env");
        new TreeMap<>(env).forEach(vars::put);
        config.putObject("guest").put("cpu_kind", spec.cpuKind()).put("cpus", spec.cpus())
                .put("memory_mb", spec.memoryMb());
        ObjectNode restart = config.putObject("restart").put("policy", spec.restartPolicy());
        if (!"no".equals(spec.restartPolicy())) {
            restart.put("max_retries", spec.maxRetries());
        }
        config.putObject("metadata").put(Machine.DEPLOYMENT_KEY, deployment.value());
        config.putObject("stop_config").put("signal", "SIGTERM").put("timeout", spec.stopTimeout().toSeconds() + "s");
        return config;
    }

    private String one(String id) {
        if (!id.matches("[A-Za-z0-9]{1,64}")) {
            throw new IllegalArgumentException("a Fly machine id is letters and digits");
        }
        return machines + "/" + id;
    }

    private static Machine machine(FlyHttp.Reply reply) {
        return Machine.of(tree(reply));
    }

    private static JsonNode tree(FlyHttp.Reply reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw malformed("answer").withCause(e);
        }
    }

    private static CatwalkException malformed(String action) {
        return CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "the Fly Machines API answered malformed JSON to "
                + action).withCode("fly_unavailable");
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static List<String> values(Map<String, String> env) {
        return List.copyOf(env.values());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
