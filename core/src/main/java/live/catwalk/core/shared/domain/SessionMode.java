package live.catwalk.core.shared.domain;

/** How a deployment maps client sessions onto stdio server processes. */
public enum SessionMode {
    /** One process for the deployment; every session is multiplexed onto it (the default). */
    SHARED,
    /** One process per session, started at {@code initialize} and stopped when the session ends. */
    ISOLATED
}
