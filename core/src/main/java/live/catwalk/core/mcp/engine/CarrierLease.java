package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import live.catwalk.core.mcp.engine.bridge.Bridge;
import live.catwalk.core.mcp.engine.session.Session;
import live.catwalk.core.shared.CatwalkException;

/**
 * What one stateless request is carried by: the deployment's shared server, or in isolated mode a server of its own
 * started for it (stopped on release); or why there is none now. Released once, from any thread.
 */
final class CarrierLease {

    private final Endpoint endpoint;
    private final Bridge bridge;
    private final Optional<String> refusal;
    /** Isolated mode: the directory of the request's own server, which names its carrier once attached. */
    private final OneSession directory;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Session attached;

    private CarrierLease(Endpoint endpoint, Bridge bridge, Optional<String> refusal, OneSession directory) {
        this.endpoint = endpoint;
        this.bridge = bridge;
        this.refusal = refusal;
        this.directory = directory;
    }

    /**
     * A lease on {@code endpoint}; a server of its own is initialized with {@code init} (the gateway's superset of
     * capabilities, as the shared one is: what each request declared is enforced at the gateway).
     */
    static CarrierLease of(Endpoint endpoint, ObjectNode init) {
        Bridge shared = endpoint.shared();
        if (shared != null) {
            return new CarrierLease(endpoint, shared, Optional.empty(), null);
        }
        ObjectNode params = init.deepCopy();
        OneSession directory = new OneSession();
        Optional<Bridge> own = endpoint.isolatedFor(params, directory);
        if (own.isEmpty()) {
            return new CarrierLease(endpoint, null, Optional.of("This deployment runs as many server processes as "
                    + "it may, all of them busy; retry later."), null);
        }
        try {
            own.get().start();
        } catch (CatwalkException e) {
            endpoint.releaseIsolated();
            return new CarrierLease(endpoint, null, Optional.of(e.getMessage()), null);
        }
        return new CarrierLease(endpoint, own.get(), Optional.empty(), directory);
    }

    Bridge bridge() {
        return bridge;
    }

    Optional<String> refusal() {
        return refusal;
    }

    /**
     * Makes {@code carrier} one the server's unasked messages reach (list changes, resource updates), as a
     * {@code subscriptions/listen} needs; false when the endpoint is closed.
     */
    boolean attach(Session carrier) {
        attached = carrier;
        if (directory != null) {
            directory.session = carrier;
            return true;
        }
        return endpoint.addCarrier(carrier);
    }

    /**
     * The request is over: its carrier session (null if none was made) ends, what it had in flight is cancelled at
     * the server (which in isolated mode is then stopped).
     */
    void release(Session carrier) {
        if (bridge == null || !released.compareAndSet(false, true)) {
            return;
        }
        if (attached != null && directory == null) {
            endpoint.removeCarrier(attached);
        }
        if (carrier != null) {
            carrier.end();
        }
        if (carrier != null) {
            bridge.forget(carrier); // what still runs is cancelled at the server, which may have work to undo
        }
        if (bridge != endpoint.shared()) {
            bridge.close();
            endpoint.releaseIsolated();
        }
    }
}
