package live.catwalk.bootstrap.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.runner.RunnerReport;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.mcp.engine.McpEndpoints;

/**
 * The runner's report on its one deployment, read from the engine and the MCP endpoint's activity. The engine hands each crash out once, so
 * {@link #collectCrashes} (called on a schedule and before every status) keeps the count and the last exit.
 */
final class EngineRunnerReport implements RunnerReport {

    private final McpEndpoints endpoints;
    private final McpActivity activity;
    private final String deploymentId;
    private final Clock clock;
    private final Instant started;
    private int restarts;
    private Optional<Exit> lastExit = Optional.empty();

    EngineRunnerReport(McpEndpoints endpoints, String deploymentId, Clock clock, McpActivity activity) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
    }

    /** Takes the crashes the engine saw since the last call; each one that is followed by a restart counts. */
    synchronized void collectCrashes() {
        List<Crash> crashes = endpoints.takeCrashes(deploymentId);
        if (crashes.isEmpty()) {
            return;
        }
        for (Crash crash : crashes) {
            restarts += crash.restartIn().isPresent() ? 1 : 0;
        }
        lastExit = Optional.of(new Exit(crashes.getLast().exitCode().orElse(-1), clock.instant()));
    }

    @Override
    public synchronized Status status() {
        collectCrashes();
        boolean alive = endpoints.state(deploymentId) instanceof RuntimeState.Running;
        long uptime = Duration.between(started, clock.instant()).toSeconds();
        return new Status(alive, restarts, lastExit, uptime, endpoints.summary().sessions(), activity.inFlight(),
                activity.idle().toSeconds());
    }

    @Override
    public List<String> logs(int lines) {
        return endpoints.logs(deploymentId, lines);
    }
}
