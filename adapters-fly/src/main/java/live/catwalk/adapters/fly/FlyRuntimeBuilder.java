package live.catwalk.adapters.fly;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link FlyRuntime}; every setting but the builder's arguments has a default (Fly's public API,
 * Fly's choice of region, a shared CPU with 512 MB, restart on failure up to 5 times, 30 s to stop, 2 min to
 * start, states listed at most every 5 s, the runner on {@code fly-local-6pn:8080}, reached at
 * {@code http://{machine}.vm.{app}.internal:8080}).
 * Not thread-safe; the runtime it builds is.
 */
public final class FlyRuntimeBuilder {

    /** Fly's public Machines API. */
    public static final URI DEFAULT_API = URI.create("https://api.machines.dev/v1");

    /**
     * Where the runner listens: the machine's 6PN (IPv6) address, which {@code <machine>.vm.<app>.internal} names;
     * the runner's own default, {@code 0.0.0.0:8080}, is IPv4 only and unreachable over 6PN.
     */
    public static final String DEFAULT_BIND = "fly-local-6pn:8080";

    private final HttpClient client;
    private final String token;
    private final String app;
    private final byte[] runnerKey;
    private MachineSpec spec;
    private URI api = DEFAULT_API;
    private String runnerUrl = RunnerClient.DEFAULT_TEMPLATE;
    private String runnerBind = DEFAULT_BIND;
    private Map<String, String> runnerVariables = Map.of();
    private RunnerStatus status = RunnerStatus.MACHINE_STATE;
    private boolean pingRunner;
    private Duration timeout = Duration.ofSeconds(20);
    private Duration startWithin = Duration.ofMinutes(2);
    private Duration refreshEvery = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private Backoff backoff = Backoff.standard();

    FlyRuntimeBuilder(HttpClient client, String token, String app, String image, byte[] runnerKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.token = Objects.requireNonNull(token, "token");
        this.app = Objects.requireNonNull(app, "app");
        this.spec = MachineSpec.of(image);
        this.runnerKey = Objects.requireNonNull(runnerKey, "runnerKey").clone();
    }

    /** The Machines API base URL (tests point it at a stub), {@code …/v1} included. */
    public FlyRuntimeBuilder api(URI base) {
        this.api = Objects.requireNonNull(base, "base");
        return this;
    }

    /** The region new machines are placed in, e.g. {@code ams}. */
    public FlyRuntimeBuilder region(String region) {
        spec = new MachineSpec(spec.image(), Optional.of(region), spec.cpuKind(), spec.cpus(), spec.memoryMb(),
                spec.restartPolicy(), spec.maxRetries(), spec.stopTimeout());
        return this;
    }

    /** The guest: {@code shared} or {@code performance} CPUs, and memory in a multiple of 256 MB. */
    public FlyRuntimeBuilder guest(String cpuKind, int cpus, int memoryMb) {
        spec = new MachineSpec(spec.image(), spec.region(), cpuKind, cpus, memoryMb, spec.restartPolicy(),
                spec.maxRetries(), spec.stopTimeout());
        return this;
    }

    /** Fly's restart policy ({@code no}, {@code on-failure}, {@code always}) and its retries. */
    public FlyRuntimeBuilder restart(String policy, int maxRetries) {
        spec = new MachineSpec(spec.image(), spec.region(), spec.cpuKind(), spec.cpus(), spec.memoryMb(), policy,
                maxRetries, spec.stopTimeout());
        return this;
    }

    /** How long a stop waits after SIGTERM before Fly kills the runner. */
    public FlyRuntimeBuilder stopTimeout(Duration stopTimeout) {
        spec = new MachineSpec(spec.image(), spec.region(), spec.cpuKind(), spec.cpus(), spec.memoryMb(),
                spec.restartPolicy(), spec.maxRetries(), stopTimeout);
        return this;
    }

    /** The runner's base URL, with {@code {machine}} (the machine id) and optionally {@code {app}}. */
    public FlyRuntimeBuilder runnerUrl(String template) {
        this.runnerUrl = Objects.requireNonNull(template, "template");
        return this;
    }

    /** The runner's {@code CATWALK_RUNNER_BIND} ({@code host:port}); its port is the runner URL's. */
    public FlyRuntimeBuilder runnerBind(String hostPort) {
        this.runnerBind = Objects.requireNonNull(hostPort, "hostPort");
        return this;
    }

    /**
     * Further variables every machine's runner gets, e.g. the gateway's MCP limits ({@code CATWALK_MAX_…}); names
     * are {@code CATWALK_} and upper-case, and cannot be one of the runner protocol's own ({@code CATWALK_RUNNER_…}).
     */
    public FlyRuntimeBuilder runnerVariables(Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (!name.matches("CATWALK_[A-Z0-9_]{1,100}") || name.startsWith("CATWALK_RUNNER_")) {
                throw new IllegalArgumentException("not a runner variable: " + name);
            }
            Objects.requireNonNull(value, name);
        });
        this.runnerVariables = Map.copyOf(variables);
        return this;
    }

    /** What {@code ping} asks once the machine is started (default: nothing, Fly's state is trusted). */
    public FlyRuntimeBuilder runnerStatus(RunnerStatus runnerStatus) {
        this.status = Objects.requireNonNull(runnerStatus, "runnerStatus");
        this.pingRunner = false;
        return this;
    }

    /** {@code ping} asks the runner's own {@code GET /status} whether its server is alive. */
    public FlyRuntimeBuilder pingRunner() {
        this.pingRunner = true;
        return this;
    }

    /** The bound on each API call (a {@code /wait} gets its own wait time on top). */
    public FlyRuntimeBuilder timeout(Duration perCall) {
        this.timeout = positive(perCall);
        return this;
    }

    /** How long {@code start} waits for Fly to report the machine started. */
    public FlyRuntimeBuilder startWithin(Duration within) {
        this.startWithin = positive(within);
        return this;
    }

    /** The shortest time between two listings of the app's machines for states. */
    public FlyRuntimeBuilder refreshEvery(Duration every) {
        this.refreshEvery = Objects.requireNonNull(every, "every");
        return this;
    }

    public FlyRuntimeBuilder clock(Clock wallClock) {
        this.clock = Objects.requireNonNull(wallClock, "wallClock");
        return this;
    }

    /** Retries of 429 and 5xx: {@code attempts} tries in all, pauses from {@code base} to {@code cap}, via {@code sleeper}. */
    FlyRuntimeBuilder backoff(int attempts, Duration base, Duration cap, Backoff.Sleeper sleeper) {
        this.backoff = new Backoff(attempts, base, cap, sleeper, RandomGenerator.getDefault());
        return this;
    }

    public FlyRuntime build() {
        FlyMachines machines = machines();
        RunnerSecret secrets = new RunnerSecret(runnerKey);
        RunnerClient runner = new RunnerClient(client, runnerUrl, app, secrets, timeout);
        MachineTable table = new MachineTable(() -> machines.list(Optional.empty()), clock, refreshEvery);
        return new FlyRuntime(machines, spec, secrets, runner, pingRunner ? runner::alive : status, table,
                startWithin, runnerBind, runnerVariables);
    }

    /** The Machines API client alone, as the runtime would use it. */
    FlyMachines machines() {
        return new FlyMachines(new FlyHttp(client, api, token, timeout, 4L << 20, backoff), app, clock);
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a duration here must be positive");
        }
        return d;
    }
}
