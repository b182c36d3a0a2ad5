package live.catwalk.bootstrap.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a soak client sends one MCP request and reads its answer (as far as it wants), with every request counted in
 * the {@link Tally} under the labels {@code /metrics} gives it, and how it judges an answer to a valid request under
 * faults: a result, an in-band "server unavailable" error (a killed child), a documented 503, or a 404 for a session
 * that ended; anything else is a problem.
 */
final class Exchanges {

    /** How far to read an answer: its status only, its first event (a stream), or the JSON-RPC answer. */
    record Read(int kind, JsonNode id) {
        static final Read STATUS = new Read(0, null);
        static final Read FIRST_EVENT = new Read(1, null);
        static final Read ANSWER = new Read(2, null);

        /** The answer to request {@code id} on a stream that is not that request's own (a resumed one). */
        static Read answerTo(int id) {
            return new Read(2, SoakClient.JSON.getNodeFactory().numberNode(id));
        }
    }

    /** What a client saw: the status (-1: none, a problem already), headers, the answer if read, the first event id. */
    record Seen(int status, Map<String, String> headers, JsonNode message, String firstEventId, Read read,
                String what) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private static final long SLOW = 5_000_000_000L;

    private final URI base;
    private final String host;
    private final Tally tally;

    Exchanges(URI base, Tally tally) {
        this.base = base;
        this.host = base.getHost() + ":" + base.getPort();
        this.tally = tally;
    }

    Tally tally() {
        return tally;
    }

    static String request(int id, String method, ObjectNode params) {
        ObjectNode request = SoakClient.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        return request.toString();
    }

    /** {@code params} with the 2026-07-28 claim in {@code _meta}. */
    static ObjectNode claim(ObjectNode params) {
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", SoakClient.V2026);
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "soak").put("version", "1");
        return params;
    }

    /** The headers of a 2026-07-28 request for {@code method} (and {@code name}, when not null). */
    static Map<String, String> modern(String method, String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MCP-Protocol-Version", SoakClient.V2026);
        fields.put("Mcp-Method", method);
        if (name != null) {
            fields.put("Mcp-Name", name);
        }
        return fields;
    }

    Seen call(SoakClient.Target t, String method, String era, boolean quick, String httpMethod,
              Map<String, String> fields, String body) {
        return call(t, method, era, quick, httpMethod, fields, body, Read.ANSWER);
    }

    Seen call(SoakClient.Target t, String method, String era, boolean quick, String httpMethod,
              Map<String, String> fields, String body, Read read) {
        byte[] bytes = body == null ? null : SoakClient.utf8(body);
        return call(t, method, era, quick, httpMethod, fields, bytes, bytes == null ? -1 : bytes.length, read);
    }

    /** Sends the request (declaring {@code declared} bytes of body, of which {@code body} is sent) and reads. */
    Seen call(SoakClient.Target t, String method, String era, boolean quick, String httpMethod,
              Map<String, String> fields, byte[] body, long declared, Read read) {
        long began = System.nanoTime();
        boolean counted = false;
        try (RawHttp http = RawHttp.open(base, SoakClient.BOUND)) {
            http.send(httpMethod, t.path(), host, headers(t, httpMethod, fields), body, declared);
            int status = http.status();
            tally.answered(method, era, status);
            counted = true;
            JsonNode message = null;
            String first = null;
            if (read.kind() == 1 && http.isStream()) {
                first = http.nextEvent().map(RawHttp.Event::id).orElse(null);
            } else if (read.kind() >= 1) {
                message = answer(http, read.id() != null ? read.id() : idOf(body));
            }
            long took = System.nanoTime() - began;
            if (quick) {
                tally.latency(t.mode(), took);
            }
            if (took > SLOW) {
                tally.note("slow " + t.mode() + " " + method, String.format(
                        "slow: %s %s %s (%s, %s) took %.1f s, answered %d", t.mode(), httpMethod,
                        method, era, read.kind() == 2 ? "whole answer" : "head", took / 1e9, status));
            }
            if (status >= 500) {
                tally.note(status + " " + t.mode() + " " + method + " " + era, t.mode() + " " + method + " (" + era
                        + ") answered " + status + ": " + message);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : new String[] {"mcp-session-id", "content-type"}) {
                http.header(name).ifPresent(v -> headers.put(name, v));
            }
            return new Seen(status, headers, message, first, read, t.mode() + " " + httpMethod + " " + method + " ("
                    + era + (read.id() != null ? ", resuming the stream of " + read.id() : "") + ") answered "
                    + status + (http.isStream() ? " with a stream" : " with JSON"));
        } catch (RawHttp.Overdue e) {
            failed(method, era, counted, Tally.HUNG, httpMethod + " " + method + " (" + era + ") got no answer within "
                    + SoakClient.BOUND + (counted ? " after its status" : ""));
        } catch (IOException | RuntimeException e) {
            failed(method, era, counted, Tally.BROKEN, httpMethod + " " + method + " (" + era + ") failed"
                    + (counted ? " after its status" : "") + ": " + e);
        }
        return new Seen(-1, Map.of(), null, null, read, httpMethod + " " + method + " (" + era + ")");
    }

    /** Sends the request, waits {@code delayMs} without reading anything, and hangs up. */
    void hangUp(SoakClient.Target t, String method, String era, Map<String, String> fields, String body, int delayMs) {
        byte[] bytes = SoakClient.utf8(body);
        hangUp(t, method, era, fields, bytes, bytes.length, delayMs);
    }

    void hangUp(SoakClient.Target t, String method, String era, Map<String, String> fields, byte[] body,
                long declared, int delayMs) {
        try (RawHttp http = RawHttp.open(base, SoakClient.BOUND)) {
            http.send("POST", t.path(), host, headers(t, "POST", fields), body, declared);
            tally.unanswered(method, era, Tally.DISCONNECTED);
            Thread.sleep(delayMs);
        } catch (IOException e) {
            failed(method, era, false, Tally.BROKEN, "POST " + method + " (" + era + ") to hang up on failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a valid request's answer is one it may get under faults, the session (if {@code sessionBound}) still
     * there: a result (with {@code text} when not null), {@code 202}/{@code 204}, or an in-band "server unavailable"
     * ({@code -32002} in 2025, {@code -32603} in 2026) or a {@code 503} with one of them. False for a 404 of a
     * session that ended, and for anything else, which is also a problem.
     */
    boolean valid(Seen seen, String era, boolean sessionBound, String text) {
        if (seen.status() < 0) {
            return false;
        }
        int unavailable = era.equals("2025") ? -32002 : -32603;
        JsonNode m = seen.message();
        switch (seen.status()) {
            case 200 -> {
                if (m == null) {
                    if (seen.read() == Read.ANSWER || seen.read().id() != null) {
                        tally.problem("no JSON-RPC answer: " + seen.what());
                        return false;
                    }
                    return true;
                }
                if (m.has("error")) {
                    if (m.path("error").path("code").asInt() == unavailable) {
                        tally.event("in-band server unavailable (" + era + ")");
                        return true;
                    }
                    tally.problem("unexpected JSON-RPC error: " + seen.what() + ": " + m);
                    return false;
                }
                if (text != null && !text.equals(m.path("result").path("content").path(0).path("text").asText())) {
                    tally.problem("a wrong result, expected " + text + ": " + seen.what() + ": " + m);
                }
                return true;
            }
            case 202, 204 -> {
                return true;
            }
            case 404 -> {
                if (sessionBound) {
                    tally.event("2025 sessions found ended (404)");
                } else {
                    tally.problem("404 for a request without a session: " + seen.what() + ": " + m);
                }
                return false;
            }
            case 503 -> {
                if (m != null && m.path("error").path("code").asInt() == unavailable) {
                    tally.event("503 server unavailable (" + era + ")");
                    return true;
                }
                tally.problem("a 503 without the documented error: " + seen.what() + ": " + m);
                return false;
            }
            default -> {
                tally.problem("not a documented answer to a valid request: " + seen.what() + ": " + m);
                return false;
            }
        }
    }

    private void failed(String method, String era, boolean counted, String why, String what) {
        if (!counted) {
            tally.unanswered(method, era, why);
        } else {
            tally.event("answers cut after their status (" + why + ")");
        }
        tally.problem(what);
    }

    private static Map<String, String> headers(SoakClient.Target t, String httpMethod, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + t.token());
        if (httpMethod.equals("POST")) {
            all.put("Content-Type", "application/json");
        }
        all.put("Accept", httpMethod.equals("GET") ? "text/event-stream" : "application/json, text/event-stream");
        all.putAll(fields);
        return all;
    }

    /** The JSON-RPC answer to {@code id}: the body, or the stream's event that answers it (null if none came). */
    private static JsonNode answer(RawHttp http, JsonNode id) throws IOException {
        if (http.isStream()) {
            for (Optional<RawHttp.Event> e = http.nextEvent(); e.isPresent(); e = http.nextEvent()) {
                if (!e.get().data().isEmpty()) {
                    JsonNode m = SoakClient.JSON.readTree(e.get().data());
                    if (!m.has("method") && (id == null || m.path("id").equals(id))) {
                        return m;
                    }
                }
            }
            return null;
        }
        String body = http.body();
        return body.isBlank() ? null : SoakClient.JSON.readTree(body);
    }

    private static JsonNode idOf(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode json = SoakClient.JSON.readTree(body);
            return json.isObject() && json.has("id") ? json.get("id") : null;
        } catch (IOException e) {
            return null;
        }
    }
}
