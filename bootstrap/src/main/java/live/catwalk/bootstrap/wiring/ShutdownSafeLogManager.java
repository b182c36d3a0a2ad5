package live.catwalk.bootstrap.wiring;

import java.util.logging.LogManager;

/**
 * JUL's own shutdown hook resets every handler while Catwalk's hook may still be logging the
 * graceful stop; this manager ignores that reset and lets Main flush and reset at the very end.
 * Installed through {@code java.util.logging.manager} before any logger exists, so it must be public.
 */
public final class ShutdownSafeLogManager extends LogManager {

    private static volatile ShutdownSafeLogManager instance;

    public ShutdownSafeLogManager() {
        instance = this;
    }

    @Override
    public void reset() {
        // Deferred to resetAtExit(): see the class comment.
    }

    /** Flushes and closes every handler; the last call of the last shutdown hook. */
    public static void resetAtExit() {
        ShutdownSafeLogManager manager = instance;
        if (manager != null) {
            manager.resetForReal();
        }
    }

    private void resetForReal() {
        super.reset();
    }
}
