package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final AtomicBoolean released = new AtomicBoolean();

    private CarrierLease(Endpoint endpoint, Bridge bridge, Optional<String> refusal) {
        this.endpoint = endpoint;
        this.bridge = bridge;
        this.refusal = refusal;
    }

    /** A lease on {@code endpoint} for a request whose client declared {@code capabilities} (with {@code init}). */
    static CarrierLease of(Endpoint endpoint, ObjectNode init, JsonNode capabilities) {
        Bridge shared = endpoint.shared();
        if (shared != null) {
            return new CarrierLease(endpoint, shared, Optional.empty());
        }
        ObjectNode params = init.deepCopy();
        if (capabilities.isObject()) {
            params.set("capabilities", capabilities.deepCopy());
        }
        Optional<Bridge> own = endpoint.isolatedFor(params);
        if (own.isEmpty()) {
            return new CarrierLease(endpoint, null, Optional.of("This deployment runs as many server processes as "
                    + "it may, all of them busy; retry later."));
        }
        try {
            own.get().start();
        } catch (CatwalkException e) {
            endpoint.releaseIsolated();
            return new CarrierLease(endpoint, null, Optional.of(e.getMessage()));
        }
        return new CarrierLease(endpoint, own.get(), Optional.empty());
    }

    Bridge bridge() {
        return bridge;
    }

    Optional<String> refusal() {
        return refusal;
    }

    /** The request is over: its carrier session (null if none was made) ends, what it had in flight is cancelled. */
    void release(Session carrier) {
        if (bridge == null || !released.compareAndSet(false, true)) {
            return;
        }
        if (carrier != null) {
            carrier.end();
        }
        if (bridge == endpoint.shared()) {
            if (carrier != null) {
                bridge.forget(carrier);
            }
        } else {
            bridge.close();
            endpoint.releaseIsolated();
        }
    }
}
