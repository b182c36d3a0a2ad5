package live.catwalk.bootstrap.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import live.catwalk.adapters.fly.FlyUpstreams;
import live.catwalk.bootstrap.wiring.FlyPlaces.Place;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * The runtime of the API's deployments when Catwalk runs them on Fly: each deployment on the place {@link FlyPlaces}
 * gives it when it starts (its owner's own app and token, or the operator's), every later call for it on that same
 * place. A start that fails, or that the owner's settings refuse, is no exception: the deployment's state is then
 * {@link RuntimeState.Failed} with a secret-free reason, which the reconciler makes the deployment's FAILED reason,
 * until it is started or stopped again. Every {@link Runtime} method is delegated. Thread-safe.
 */
final class RoutedFlyRuntime implements Runtime {

    private static final System.Logger LOG = System.getLogger(RoutedFlyRuntime.class.getName());

    private final FlyPlaces places;
    private final Map<DeploymentId, Place> assigned = new ConcurrentHashMap<>();
    private final Map<DeploymentId, String> failed = new ConcurrentHashMap<>();

    RoutedFlyRuntime(FlyPlaces places) {
        this.places = Objects.requireNonNull(places, "places");
    }

    /**
     * Starts on the place the owner's settings give now, first stopping what ran for it on another place (the one it
     * started on, or after a restart of Catwalk any that lists it).
     */
    @Override
    public void start(DeploymentId id, ServerCommand command, SessionMode mode) {
        failed.remove(id);
        Place before = assigned.remove(id);
        FlyPlaces.Route route = places.of(id);
        if (before != null && before != route) {
            stopQuietly(before, id);
        } else if (before == null) {
            live().stream().filter(place -> place != route && listed(place).contains(id))
                    .forEach(place -> stopQuietly(place, id));
        }
        switch (route) {
            case FlyPlaces.Refused refused -> fail(id, refused.reason());
            case Place place -> {
                assigned.put(id, place);
                try {
                    place.runtime().start(id, command, mode);
                } catch (CatwalkException e) {
                    fail(id, reason(place, e));
                    stopQuietly(place, id); // nothing half-made stays behind at Fly
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "Starting deployment " + id + " on Fly failed", e);
                    fail(id, "could not start on Fly: an internal error (the server's log says why)");
                    stopQuietly(place, id);
                }
            }
        }
    }

    /** Stops it on its place; one never started here is stopped wherever a machine of it is found. */
    @Override
    public void stop(DeploymentId id) {
        failed.remove(id);
        Place before = assigned.remove(id);
        if (before != null) {
            before.runtime().stop(id);
            return;
        }
        Set<Place> holding = new LinkedHashSet<>();
        if (places.of(id) instanceof Place now) {
            holding.add(now);
        }
        for (Place place : live()) {
            if (listed(place).contains(id)) {
                holding.add(place);
            }
        }
        for (Place place : holding) {
            place.runtime().stop(id);
        }
    }

    /** Restarts it in place on its place; one without a place (or whose start failed) is started afresh. */
    @Override
    public void restart(DeploymentId id, ServerCommand command, SessionMode mode) {
        Optional<Place> place = placeOf(id);
        if (place.isEmpty() || failed.containsKey(id)) {
            start(id, command, mode);
            return;
        }
        try {
            place.get().runtime().restart(id, command, mode);
        } catch (CatwalkException e) {
            fail(id, reason(place.get(), e));
        }
    }

    @Override
    public boolean suspends() {
        return true;
    }

    @Override
    public boolean suspendIfIdle(DeploymentId id, Duration idle) {
        return !failed.containsKey(id) && placeOf(id).map(place -> place.runtime().suspendIfIdle(id, idle))
                .orElse(false);
    }

    @Override
    public void endSessions(DeploymentId id) {
        placeOf(id).ifPresent(place -> place.runtime().endSessions(id));
    }

    /**
     * Failed with the reason while a start failed or was refused; otherwise its place's state, except that a Fly
     * failure that waiting will not mend (a refused token, a missing app) is Failed with Fly's reason too.
     */
    @Override
    public RuntimeState state(DeploymentId id) {
        Optional<Place> place = placeOf(id);
        String why = failed.get(id);
        if (why != null || place.isEmpty()) {
            return new RuntimeState.Failed(why == null ? "not started" : why);
        }
        try {
            return place.get().runtime().state(id);
        } catch (CatwalkException e) {
            if (e.kind() == CatwalkException.Kind.LIMIT_EXCEEDED || "fly_unavailable".equals(e.code())) {
                throw e;
            }
            return new RuntimeState.Failed(reason(place.get(), e));
        }
    }

    /** The deployments of every place: the operator's, every user's kept, and any a deployment still runs on. */
    @Override
    public Set<DeploymentId> deployments() {
        Set<DeploymentId> all = new HashSet<>();
        live().forEach(place -> all.addAll(listed(place)));
        return Set.copyOf(all);
    }

    @Override
    public boolean ping(DeploymentId id, Duration timeout) {
        return !failed.containsKey(id) && placeOf(id).map(place -> place.runtime().ping(id, timeout)).orElse(false);
    }

    @Override
    public List<Crash> takeCrashes(DeploymentId id) {
        return placeOf(id).map(place -> place.runtime().takeCrashes(id)).orElse(List.of());
    }

    @Override
    public List<String> logs(DeploymentId id, int lines) {
        return placeOf(id).map(place -> place.runtime().logs(id, lines)).orElse(List.of());
    }

    /** Every place's sweep of stray machines, each keeping {@code known}; one that fails does not stop the others. */
    void destroyStrays(Supplier<Set<DeploymentId>> known) {
        for (Place place : live()) {
            try {
                place.destroyStrays().accept(known);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "looking for stray Fly machines" + place.ownApp()
                        .map(app -> " in app " + app).orElse("") + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * The upstreams of the deployments: each from its place's upstreams (the operator's until a deployment has a
     * place), waits polled; shutting down when the operator's are.
     */
    McpUpstreams upstreams() {
        return FlyUpstreams.polling(deploymentId -> DeploymentId.parse(deploymentId).map(assigned::get)
                .orElse(places.operator()).upstreams().find(deploymentId),
                () -> places.operator().upstreams().shuttingDown());
    }

    /** Its place: the one it started on, else (after a restart of Catwalk) the one its owner's settings give now. */
    private Optional<Place> placeOf(DeploymentId id) {
        Place place = assigned.get(id);
        if (place != null || failed.containsKey(id)) {
            return Optional.ofNullable(place);
        }
        return switch (places.of(id)) {
            case FlyPlaces.Refused refused -> {
                failed.putIfAbsent(id, refused.reason());
                yield Optional.empty();
            }
            case Place now -> Optional.of(assigned.merge(id, now, (kept, next) -> kept));
        };
    }

    private List<Place> live() {
        Set<Place> all = new LinkedHashSet<>(places.places());
        all.addAll(assigned.values());
        return new ArrayList<>(all);
    }

    private static Set<DeploymentId> listed(Place place) {
        try {
            return place.runtime().deployments();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "listing the deployments of a Fly place failed: {0}", e.getMessage());
            return Set.of();
        }
    }

    private void fail(DeploymentId id, String reason) {
        failed.put(id, reason);
        LOG.log(System.Logger.Level.WARNING, "Deployment {0} cannot run on Fly: {1}", id, reason);
    }

    private static void stopQuietly(Place place, DeploymentId id) {
        try {
            place.runtime().stop(id);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not stop deployment {0} on Fly: {1}", id,
                    e.getMessage());
        }
    }

    /** What failed, where, and what to fix: for the owner's own app, their settings rather than the operator's. */
    static String reason(Place place, CatwalkException e) {
        String hint = e.hint().orElse("");
        if (place.ownApp().isPresent()) {
            String app = place.ownApp().get();
            hint = switch (e.code()) {
                case "fly_unauthorized", "fly_forbidden" -> "check flyApiToken in your settings: a deploy token of "
                        + app + " (fly tokens create deploy -a " + app + ")";
                case "fly_not_found" -> "check flyApp in your settings: " + app + " must be an app your Fly token "
                        + "manages (fly apps create " + app + ")";
                default -> hint;
            };
        }
        String where = place.ownApp().map(app -> "on your Fly app " + app + " with your own Fly token: ")
                .orElse("on Fly: ");
        return where + e.getMessage() + (hint.isEmpty() ? "" : "; " + hint);
    }
}
