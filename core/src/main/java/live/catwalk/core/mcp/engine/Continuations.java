package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * Stateless requests waiting for their clients' input (2026-07-28 multi-round-trip results), each found again by
 * the {@code requestState} its client got: an HMAC-SHA256, under a key of this process, over the continuation's id,
 * a digest of the principal, the deployment, the method, a digest of the params and the expiry. A state is taken once,
 * only by the principal it was issued to, for the same deployment, method and params, before it expires; anything
 * else is told apart ({@link Outcome}). At most {@link #PER_PRINCIPAL} wait per principal and {@link #TOTAL} in all;
 * each waits at most the given time, then {@link Parked#expire} ends it at the server. Thread-safe.
 */
final class Continuations {

    /** A request waiting for its client's input. */
    interface Parked {

        /** The client did not come back in time, or the deployment stops: the request ends at the server. */
        void expire();
    }

    /** Requests one principal may have waiting for input; one more is refused at the server. */
    static final int PER_PRINCIPAL = 16;
    /** Requests waiting for input over all principals. */
    static final int TOTAL = 512;
    /** The longest {@code requestState} taken for one; anything longer was not issued here. */
    private static final int MAX_STATE_CHARS = 2048;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** How a {@code requestState} was judged. */
    enum Outcome { RESUMED, TAMPERED, FOREIGN, OTHER_REQUEST, EXPIRED }

    /** What {@link #take} found: the request to resume when {@code RESUMED}, else null. */
    record Taken(Outcome outcome, Parked parked) {
    }

    private record Entry(String id, String principal, String deploymentId, Instant expires, Parked parked) {
    }

    private final Clock clock;
    private final Duration wait;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this, oldest first

    Continuations(Clock clock, Duration wait) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wait = Objects.requireNonNull(wait, "wait");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /**
     * Parks {@code parked}, {@code principal}'s {@code method} request with {@code params} to {@code deploymentId};
     * returns its {@code requestState}, or empty when the principal or the gateway has as many waiting as allowed.
     */
    synchronized Optional<String> park(Parked parked, String principal, String deploymentId, String method,
                                       JsonNode params) {
        long own = entries.values().stream().filter(e -> e.principal.equals(principal)).count();
        if (own >= PER_PRINCIPAL || entries.size() >= TOTAL) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        Instant expires = clock.instant().plus(wait);
        entries.put(id, new Entry(id, principal, deploymentId, expires, parked));
        ObjectNode payload = JsonRpc.object().put("c", id).put("p", digest(principal)).put("d", deploymentId)
                .put("m", method).put("h", paramsDigest(params)).put("e", expires.toEpochMilli());
        String body = B64.encodeToString(JsonRpc.bytes(payload));
        return Optional.of(body + "." + B64.encodeToString(mac(body)));
    }

    /** Takes the request {@code state} names, if {@code principal} may resume it with this method and params now. */
    Taken take(String state, String principal, String deploymentId, String method, JsonNode params) {
        Optional<JsonNode> payload = verified(state);
        if (payload.isEmpty()) {
            return new Taken(Outcome.TAMPERED, null);
        }
        JsonNode p = payload.get();
        if (!digest(principal).equals(p.path("p").asText()) || !deploymentId.equals(p.path("d").asText())) {
            return new Taken(Outcome.FOREIGN, null);
        }
        if (!method.equals(p.path("m").asText()) || !paramsDigest(params).equals(p.path("h").asText())) {
            return new Taken(Outcome.OTHER_REQUEST, null);
        }
        if (!Instant.ofEpochMilli(p.path("e").asLong()).isAfter(clock.instant())) {
            return new Taken(Outcome.EXPIRED, null);
        }
        Entry entry;
        synchronized (this) {
            entry = entries.remove(p.path("c").asText());
        }
        return entry == null ? new Taken(Outcome.EXPIRED, null) : new Taken(Outcome.RESUMED, entry.parked);
    }

    /** Ends the requests that waited too long: their server requests are refused and they are cancelled. */
    void expire() {
        Instant now = clock.instant();
        ending(e -> !e.expires.isAfter(now)).forEach(e -> e.parked.expire());
    }

    /** Ends every request of {@code deploymentId} waiting for input (the deployment stops). */
    void drop(String deploymentId) {
        ending(e -> e.deploymentId.equals(deploymentId)).forEach(e -> e.parked.expire());
    }

    /** Forgets {@code parked} (it ended otherwise): its state is taken for expired from now on. */
    void remove(Parked parked) {
        ending(e -> e.parked == parked);
    }

    /** How many requests wait for input. */
    synchronized int size() {
        return entries.size();
    }

    private synchronized List<Entry> ending(java.util.function.Predicate<Entry> which) {
        List<Entry> out = new ArrayList<>();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (which.test(e)) {
                it.remove();
                out.add(e);
            }
        }
        return out;
    }

    private Optional<JsonNode> verified(String state) {
        if (state.length() > MAX_STATE_CHARS) {
            return Optional.empty();
        }
        int dot = state.indexOf('.');
        if (dot <= 0 || dot != state.lastIndexOf('.')) {
            return Optional.empty();
        }
        String body = state.substring(0, dot);
        try {
            byte[] given = Base64.getUrlDecoder().decode(state.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(body))) {
                return Optional.empty();
            }
            JsonNode payload = JsonRpc.parse(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
            return payload.isObject() ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException | JsonRpc.MalformedJson e) {
            return Optional.empty(); // not base64, or not JSON: not a state issued here
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A digest of what the request asks, whatever order its members come in; its MRTR fields and _meta left out. */
    static String paramsDigest(JsonNode params) {
        JsonNode asked = params.isObject() ? ((ObjectNode) params).deepCopy()
                .without(List.of("_meta", "inputResponses", "requestState")) : params;
        return digest(JsonRpc.line(JsonRpc.object().set("p", sorted(asked))));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(e -> members.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonRpc.object();
            members.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonRpc.object().arrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
