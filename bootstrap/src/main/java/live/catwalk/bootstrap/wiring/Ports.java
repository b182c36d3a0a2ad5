package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Checks, before start-up creates anything, that the configured address can be bound: a busy port then stops
 * Catwalk before it makes an admin, prints its token or writes a keyset. The server binds for real later.
 */
final class Ports {

    private Ports() {
    }

    /** Why {@code host:port} cannot be bound now, or empty when it can (or port 0, which picks a free one). */
    static Optional<String> problem(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the server binds, so a port in TIME_WAIT is not called busy
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
