package live.catwalk.adapters.fly;

import live.catwalk.core.deployment.domain.RuntimeState;

/** Fly's machine states as a runtime reports them (fly.io/docs/machines/machine-states). */
final class MachineStates {

    private MachineStates() {
    }

    /**
     * {@code started} is running; a machine on its way up is starting; one suspended (or being suspended) is
     * suspended; {@code stopped} (Catwalk destroys the
     * machines it stops, so a stopped one exited on its own past its restart policy) and {@code failed} are
     * failures; one going away or gone is absent, and so is a state Fly adds later that Catwalk does not know.
     */
    static RuntimeState of(String state) {
        return switch (state) {
            case "started" -> new RuntimeState.Running();
            case "created", "creating", "starting", "restarting", "updating", "replacing" ->
                    new RuntimeState.Starting("the Fly machine is " + state);
            case "suspended", "suspending" -> new RuntimeState.Suspended();
            case "launch_failed" -> new RuntimeState.Failed("the Fly machine failed to launch");
            case "failed" -> new RuntimeState.Failed("the Fly machine failed");
            case "stopped" -> new RuntimeState.Failed("the Fly machine stopped: its runner exited and was not restarted");
            default -> new RuntimeState.Absent();
        };
    }

    /** Whether a machine in {@code state} counts among the deployments being run or started. */
    static boolean live(String state) {
        return switch (of(state)) {
            case RuntimeState.Running r -> true;
            case RuntimeState.Starting s -> true;
            case RuntimeState.Suspended s -> true;
            case RuntimeState.Failed f -> false;
            case RuntimeState.Absent a -> false;
        };
    }
}
