package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import live.catwalk.core.mcp.engine.bridge.Bridge;
import live.catwalk.core.mcp.engine.session.Session;
import live.catwalk.core.shared.CatwalkException;

/**
 * What one stateless request is carried by: the deployment's shared server, or in isolated mode a server of the
 * request's principal, lent to this request alone (one of theirs idle since an earlier request, or one started for
 * it) and kept for their next request once released; or why there is none now. Released once, from any thread.
 */
final class CarrierLease {

    private final Endpoint endpoint;
    private final Bridge bridge;
    private final Optional<String> refusal;
    /** Isolated mode: the server lent, whose directory names its carrier once attached. */
    private final IdleServers.Server own;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Session attached;

    private CarrierLease(Endpoint endpoint, Bridge bridge, Optional<String> refusal, IdleServers.Server own) {
        this.endpoint = endpoint;
        this.bridge = bridge;
        this.refusal = refusal;
        this.own = own;
    }

    /**
     * A lease on {@code endpoint} for a request of {@code principal}; a server started for it is initialized with
     * {@code init} (the gateway's superset of capabilities, as the shared one is: what each request declared is
     * enforced at the gateway).
     */
    static CarrierLease of(Endpoint endpoint, ObjectNode init, String principal) {
        Bridge shared = endpoint.shared();
        if (shared != null) {
            return new CarrierLease(endpoint, shared, Optional.empty(), null);
        }
        Optional<IdleServers.Server> idle = endpoint.idleServerOf(principal);
        while (idle.isPresent() && !idle.get().bridge().usable()) { // failed while idle: not lent
            idle.get().bridge().close();
            endpoint.releaseIsolated();
            idle = endpoint.idleServerOf(principal);
        }
        if (idle.isPresent()) {
            endpoint.warmSpareFor(principal, init);
            return new CarrierLease(endpoint, idle.get().bridge(), Optional.empty(), idle.get());
        }
        OneSession directory = new OneSession();
        Optional<Bridge> started = endpoint.isolatedFor(init.deepCopy(), directory);
        if (started.isEmpty()) {
            return new CarrierLease(endpoint, null, Optional.of("This deployment runs as many server processes as "
                    + "it may, all of them busy; retry later."), null);
        }
        try {
            started.get().start();
        } catch (CatwalkException e) {
            endpoint.releaseIsolated();
            return new CarrierLease(endpoint, null, Optional.of(e.getMessage()), null);
        }
        endpoint.warmSpareFor(principal, init);
        return new CarrierLease(endpoint, started.get(), Optional.empty(),
                new IdleServers.Server(started.get(), directory, principal, null));
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
        if (own != null) {
            own.directory().session = carrier;
            return true;
        }
        return endpoint.addCarrier(carrier);
    }

    /**
     * The request is over: its carrier session (null if none was made) ends, and what it had in flight is cancelled at
     * the server; in isolated mode the server then idles for its principal's next request (or stops, if it failed or
     * the deployment is closing).
     */
    void release(Session carrier) {
        if (bridge == null || !released.compareAndSet(false, true)) {
            return;
        }
        if (attached != null && own == null) {
            endpoint.removeCarrier(attached);
        }
        if (carrier != null) {
            carrier.end();
            bridge.forget(carrier); // what still runs is cancelled at the server, which may have work to undo
        }
        if (own != null) {
            own.directory().session = null;
            if (!bridge.usable() || !endpoint.keepIdle(own)) {
                bridge.close();
                endpoint.releaseIsolated();
            }
        }
    }
}
