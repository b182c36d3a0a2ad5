package live.catwalk.core.deployment.port.out;

/**
 * Whether the programs that start deployments' servers are there: looked up as the runtime would start them (on
 * the PATH its servers get, and inside its sandbox if it has one). Thread-safe and quick.
 */
@FunctionalInterface
public interface Programs {

    /** Every program is taken to be there: for runtimes that install their own (a machine image). */
    Programs ANY = program -> true;

    /** Whether {@code program} (a name looked up on PATH, or a path) can be started. */
    boolean available(String program);
}
