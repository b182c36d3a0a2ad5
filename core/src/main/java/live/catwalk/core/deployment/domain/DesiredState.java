package live.catwalk.core.deployment.domain;

/** What the owner wants: the reconciler drives the actual status towards it. */
public enum DesiredState {
    RUNNING, STOPPED
}
