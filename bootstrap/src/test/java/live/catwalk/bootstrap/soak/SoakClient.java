package live.catwalk.bootstrap.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of the soak's clients, living one client life after another until told to stop, each on a deployment picked
 * at random: a 2025 client (initialize, calls, a slow call whose stream it drops and resumes with
 * {@code Last-Event-ID}, a GET stream dropped and resumed, calls it hangs up on, then DELETE or walking away) or a
 * 2026-07-28 client (stateless {@code server/discover} and calls, some hung up on), with a share of bad requests
 * ({@link BadRequests}). Everything it sends and sees goes to its {@link Tally}; its choices come from its seed.
 */
public final class SoakClient implements Runnable {

    /** A deployment the clients use: its MCP path ({@code /mcp/{id}}), its token and its session mode. */
    public record Target(String path, String token, String mode) {
    }

    /** How long any one request may take, answer included, before it counts as hung. */
    public static final Duration BOUND = Duration.ofSeconds(30);
    static final String V2025 = "2025-11-25";
    static final String V2026 = "2026-07-28";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The slow call: longer than the 1 s after which Catwalk turns an answer into a stream. */
    private static final int SLOW_MS = 1_500;

    private final URI base;
    private final List<Target> targets;
    private final Random random;
    private final Tally tally;
    private final AtomicBoolean stop;
    private final Exchanges exchanges;
    private final BadRequests bad;

    /** {@code targets}: the shared deployment first, then the isolated one. */
    public SoakClient(URI base, List<Target> targets, long seed, Tally tally, AtomicBoolean stop, int maxBodyBytes) {
        this.base = base;
        this.targets = List.copyOf(targets);
        this.random = new Random(seed);
        this.tally = tally;
        this.stop = stop;
        this.exchanges = new Exchanges(base, tally);
        this.bad = new BadRequests(exchanges, random, maxBodyBytes);
    }

    @Override
    public void run() {
        while (!stop.get()) {
            // Seven lives in ten on the first (shared) deployment: an isolated one costs a process per client.
            Target target = random.nextInt(10) < 7 ? targets.getFirst() : targets.getLast();
            try {
                if (random.nextBoolean()) {
                    life2025(target);
                } else {
                    life2026(target);
                }
            } catch (IOException | RuntimeException e) {
                tally.problem("client failed: " + e);
            }
        }
    }

    private void life2025(Target t) throws IOException {
        Exchanges.Seen init = exchanges.call(t, "initialize", "2025", true, "POST", Map.of(), Exchanges.request(
                1, "initialize", JSON.createObjectNode().put("protocolVersion", V2025).set("clientInfo",
                        JSON.createObjectNode().put("name", "soak").put("version", "1"))));
        if (!exchanges.valid(init, "2025", false, null)) {
            return;
        }
        Optional<String> id = init.header("Mcp-Session-Id");
        if (id.isEmpty()) {
            if (init.message() == null || !init.message().has("error")) {
                tally.problem("initialize answered " + init.status() + " without a session: " + init.message());
            }
            return;
        }
        Map<String, String> session = Map.of("Mcp-Session-Id", id.get(), "MCP-Protocol-Version", V2025);
        Exchanges.Seen ready = exchanges.call(t, "notifications/initialized", "2025", false, "POST", session,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        if (!exchanges.valid(ready, "2025", true, null)) {
            return;
        }
        String standaloneLast = null;
        int ops = 3 + random.nextInt(8);
        for (int i = 0; i < ops && !stop.get(); i++) {
            think();
            int dice = random.nextInt(100);
            boolean alive;
            if (dice < 12) {
                bad.any(t);
                alive = true;
            } else if (dice < 55) {
                alive = echo(t, session, "2025");
            } else if (dice < 67) {
                alive = slow2025(t, session);
            } else if (dice < 77) {
                exchanges.hangUp(t, "tools/call", "2025", session, sleep(100 + random.nextInt(1_400)),
                        random.nextInt(300));
                alive = true;
            } else if (standaloneLast == null) {
                standaloneLast = openStandalone(t, session);
                alive = standaloneLast != null;
            } else {
                alive = resumeStandalone(t, session, standaloneLast);
            }
            if (!alive) {
                return;
            }
        }
        if (random.nextInt(100) < 60) {
            Exchanges.Seen ended = exchanges.call(t, "end_session", "2025", false, "DELETE", session, null);
            exchanges.valid(ended, "2025", true, null);
        } else {
            tally.event("2025 sessions left to expire");
        }
    }

    private void life2026(Target t) throws IOException {
        int ops = 3 + random.nextInt(8);
        for (int i = 0; i < ops && !stop.get(); i++) {
            think();
            int dice = random.nextInt(100);
            if (dice < 12) {
                bad.any(t);
            } else if (dice < 27) {
                Exchanges.Seen discovered = exchanges.call(t, "server/discover", "2026", true, "POST",
                        Exchanges.modern("server/discover", null), Exchanges.request(nextId(), "server/discover",
                                Exchanges.claim(JSON.createObjectNode())));
                if (exchanges.valid(discovered, "2026", false, null) && discovered.status() == 200
                        && !discovered.message().path("result").path("supportedVersions").toString().contains(V2026)) {
                    tally.problem("server/discover without 2026-07-28: " + discovered.message());
                }
            } else if (dice < 75) {
                echo(t, Map.of(), "2026");
            } else if (dice < 85) {
                int id = nextId();
                Exchanges.Seen slept = exchanges.call(t, "tools/call", "2026", false, "POST",
                        Exchanges.modern("tools/call", "sleep"), Exchanges.request(id, "tools/call",
                                Exchanges.claim(sleepParams(SLOW_MS))));
                exchanges.valid(slept, "2026", false, "slept");
            } else {
                exchanges.hangUp(t, "tools/call", "2026", Exchanges.modern("tools/call", "sleep"),
                        Exchanges.request(nextId(), "tools/call", Exchanges.claim(sleepParams(200 + random.nextInt(1_800)))),
                        random.nextInt(300));
            }
        }
    }

    /** A quick call of the echo tool in a session ({@code era} 2025) or stateless; false if the session is gone. */
    private boolean echo(Target t, Map<String, String> session, String era) throws IOException {
        String text = "soak-" + random.nextInt(1_000_000);
        var params = JSON.createObjectNode().put("name", "echo");
        params.putObject("arguments").put("message", text);
        boolean modern = era.equals("2026");
        Exchanges.Seen seen = exchanges.call(t, "tools/call", era, true, "POST",
                modern ? Exchanges.modern("tools/call", "echo") : session,
                Exchanges.request(nextId(), "tools/call", modern ? Exchanges.claim(params) : params));
        return exchanges.valid(seen, era, !modern, text);
    }

    /**
     * The slow call in a session: its answer becomes a stream after 1 s; half the time the client drops that stream
     * after its first (priming) event and resumes it with {@code Last-Event-ID}, which must bring the answer.
     */
    private boolean slow2025(Target t, Map<String, String> session) throws IOException {
        int id = nextId();
        boolean drop = random.nextBoolean();
        Exchanges.Seen seen = exchanges.call(t, "tools/call", "2025", false, "POST", session,
                Exchanges.request(id, "tools/call", sleepParams(SLOW_MS)), drop ? Exchanges.Read.FIRST_EVENT
                        : Exchanges.Read.ANSWER);
        if (!drop || seen.status() != 200 || seen.firstEventId() == null) {
            return exchanges.valid(seen, "2025", true, "slept");
        }
        tally.event("2025 call streams dropped");
        Map<String, String> resume = new LinkedHashMap<>(session);
        resume.put("Accept", "text/event-stream");
        resume.put("Last-Event-ID", seen.firstEventId());
        Exchanges.Seen resumed = exchanges.call(t, "stream", "2025", false, "GET", resume, null,
                Exchanges.Read.answerTo(id));
        boolean alive = exchanges.valid(resumed, "2025", true, "slept");
        if (alive && resumed.status() == 200) {
            tally.event("2025 call streams resumed");
        }
        return alive;
    }

    /** Opens the session's GET stream, reads its priming event and drops it; its id, or null if the session is gone. */
    private String openStandalone(Target t, Map<String, String> session) throws IOException {
        Map<String, String> get = new LinkedHashMap<>(session);
        get.put("Accept", "text/event-stream");
        Exchanges.Seen seen = exchanges.call(t, "stream", "2025", false, "GET", get, null, Exchanges.Read.FIRST_EVENT);
        if (!exchanges.valid(seen, "2025", true, null)) {
            return null;
        }
        if (seen.status() == 200 && seen.firstEventId() == null) {
            tally.problem("a GET stream of a 2025-11-25 session without a priming event");
        }
        tally.event("2025 GET streams dropped");
        return seen.firstEventId() == null ? "" : seen.firstEventId();
    }

    /** Resumes the dropped GET stream with {@code Last-Event-ID}: 200 and a stream; false if the session is gone. */
    private boolean resumeStandalone(Target t, Map<String, String> session, String lastEventId) throws IOException {
        if (lastEventId.isEmpty()) {
            return true;
        }
        Map<String, String> get = new LinkedHashMap<>(session);
        get.put("Accept", "text/event-stream");
        get.put("Last-Event-ID", lastEventId);
        Exchanges.Seen seen = exchanges.call(t, "stream", "2025", false, "GET", get, null, Exchanges.Read.STATUS);
        boolean alive = exchanges.valid(seen, "2025", true, null);
        if (alive && seen.status() == 200) {
            tally.event("2025 GET streams resumed");
        }
        return alive;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode sleepParams(int ms) {
        var params = JSON.createObjectNode().put("name", "sleep");
        params.putObject("arguments").put("ms", ms);
        return params;
    }

    private static String sleep(int ms) {
        return Exchanges.request(ms, "tools/call", sleepParams(ms));
    }

    private int nextId() {
        return 2 + random.nextInt(1_000_000_000);
    }

    private void think() {
        try {
            Thread.sleep(20 + random.nextInt(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        }
    }

    @Override
    public String toString() {
        return "SoakClient[" + base + "]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
