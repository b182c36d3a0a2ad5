package live.catwalk.core.mcp.engine.bridge;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * Which sessions subscribed to which resource URIs. Several sessions share one server in shared mode, so
 * the server sees one subscription per URI: the first subscriber's request goes through, later ones are
 * answered here, and only the last unsubscribe reaches the server. Thread-safe.
 */
final class Subscriptions {

    private final Map<String, Set<Session>> byUri = new HashMap<>();

    /** Adds the subscription; true when nobody had subscribed to the URI (the server must be asked). */
    synchronized boolean add(String uri, Session session) {
        Set<Session> subscribers = byUri.computeIfAbsent(uri, u -> new LinkedHashSet<>());
        boolean first = subscribers.isEmpty();
        subscribers.add(session);
        return first;
    }

    /** Removes the subscription; true when no subscriber is left (the server must be told). */
    synchronized boolean remove(String uri, Session session) {
        Set<Session> subscribers = byUri.get(uri);
        if (subscribers == null) {
            return true;
        }
        subscribers.remove(session);
        if (subscribers.isEmpty()) {
            byUri.remove(uri);
            return true;
        }
        return false;
    }

    synchronized List<Session> of(String uri) {
        return List.copyOf(byUri.getOrDefault(uri, Set.of()));
    }

    synchronized void forget(Session session) {
        byUri.values().forEach(subscribers -> subscribers.remove(session));
        byUri.values().removeIf(Set::isEmpty);
    }
}
