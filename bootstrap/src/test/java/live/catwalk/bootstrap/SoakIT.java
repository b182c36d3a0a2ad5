package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import live.catwalk.bootstrap.soak.Faults;
import live.catwalk.bootstrap.soak.Scrape;
import live.catwalk.bootstrap.soak.SoakClient;
import live.catwalk.bootstrap.soak.SoakDatabase;
import live.catwalk.bootstrap.soak.SoakVerdicts;
import live.catwalk.bootstrap.soak.Tally;
import live.catwalk.bootstrap.soak.Vitals;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak of the real jar (under 5 minutes): 50 concurrent clients of both protocol eras against a shared and
 * an isolated deployment of a small Node stdio server, with hang-ups, dropped and resumed streams and bad requests,
 * while server processes are killed at random and (on PostgreSQL, which CI has; else the embedded H2, without that
 * fault) the database's connections are dropped twice. Afterwards: no request hung, nothing but documented answers,
 * no process, session, stream, thread or descriptor left over, the heap back near its post-warm-up baseline, every
 * deployment running, and {@code /metrics} agreeing with what the clients counted. Random but seeded: the seed is
 * printed, and {@code -Dcatwalk.soak.seed=…} replays the same choices ({@code -Dcatwalk.soak.seconds=…} sets the
 * load's length, 150 s by default). What the clients may see and how /metrics must agree: {@link SoakClient},
 * {@link live.catwalk.bootstrap.soak.BadRequests}, {@link SoakVerdicts}; the Catwalk bugs it found, each pinned by a
 * test since it was fixed: {@link SoakFindingsIT}.
 */
@Tag("soak")
class SoakIT {

    private static final int CLIENTS = 50;
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("catwalk.soak.seconds", 150));
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final int MAX_BODY = 65_536;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 290, unit = TimeUnit.SECONDS)
    void fiftyClientsOfBothErasUnderFaultsLeaveNothingBehind() throws Exception {
        long began = System.nanoTime();
        long seed = Long.getLong("catwalk.soak.seed", new SecureRandom().nextLong());
        log("seed " + seed + " (replay with -Dcatwalk.soak.seed=" + seed + ")");
        Map<String, String> env = environment();
        try (SoakDatabase database = SoakDatabase.choose()) {
            env.putAll(database.environment(temp));
            log("database " + (database.postgres() ? "PostgreSQL (Catwalk's connections dropped twice)"
                    : "the embedded H2 (no drops: PostgreSQL is not reachable, or declined)"));
            soak(env, database, seed, began);
        }
    }

    private void soak(Map<String, String> env, SoakDatabase database, long seed, long began) throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            URI base = catwalk.awaitServing(START);
            ApiClient api = new ApiClient(base);
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            List<String> ids = new ArrayList<>();
            List<SoakClient.Target> targets = deploy(api, admin, ids);
            Supplier<Scrape> metrics = () -> scrape(base, admin);
            log("Catwalk and its deployments started in " + seconds(began) + " s");

            long warmUp = System.nanoTime();
            Tally warm = new Tally();
            drive(base, targets, seed, warm, WARM_UP, null);
            Scrape before = settle(catwalk, api, admin, ids, metrics);
            Vitals baseline = Vitals.of(catwalk.pid());
            log("warm-up and settling took " + seconds(warmUp) + " s; baseline: " + baseline);

            Tally tally = new Tally();
            long load = System.nanoTime();
            List<Thread> stuck = drive(base, targets, seed, tally, LOAD, new Faults(catwalk::descendants,
                    database.dropConnections(), seed ^ 0x5eed, tally, new AtomicBoolean(), LOAD));
            long loadSeconds = seconds(load);
            long settling = System.nanoTime();
            Scrape after = settle(catwalk, api, admin, ids, metrics);
            Vitals end = Vitals.of(catwalk.pid());
            log("load took " + loadSeconds + " s, settling " + seconds(settling) + " s; after: " + end
                    + "; since the baseline, threads by name " + end.threadsSince(baseline) + ", descriptors by kind "
                    + end.descriptorsSince(baseline));

            SoakVerdicts verdicts = new SoakVerdicts(tally, before, after);
            verdicts.summary().forEach(SoakIT::log);
            log("the soak took " + seconds(began) + " s in all");
            List<String> statuses = new ArrayList<>();
            for (String id : ids) {
                statuses.add(api.get("/api/deployments/" + id, admin).body().path("status").asText());
            }
            ApiClient.Answer health = api.get("/api/health", null);
            logErrors(catwalk.stderr());
            List<String> processes = catwalk.descendants().stream().map(p -> Faults.marker(p).orElse(p.toString()))
                    .toList();
            assertAll(
                    () -> assertTrue(stuck.isEmpty(), stuck.size() + " clients still in a request at the end"),
                    () -> assertEquals(List.of(), warm.problems(), "problems during the warm-up"),
                    () -> assertEquals(List.of(), tally.problems(), tally.problemCount() + " problems"),
                    () -> assertEquals(0, tally.total(Tally.HUNG), "hung requests"),
                    () -> assertEquals(0, tally.total(Tally.BROKEN), "requests whose connection broke"),
                    () -> assertEquals(List.of("running", "running"), statuses, "the deployments"),
                    () -> assertEquals(2, after.value("catwalk_deployments{status=\"running\"}"), "running, by /metrics"),
                    () -> assertEquals(List.of(Faults.SHARED_MARKER), processes, "the server processes left"),
                    () -> assertEquals(1, after.value("catwalk_server_processes"), "server processes, by /metrics"),
                    () -> assertEquals(0, after.value("catwalk_mcp_sessions"), "sessions: all ended or expired"),
                    () -> assertEquals(0, after.value("catwalk_mcp_streams"), "event streams"),
                    () -> assertTrue(end.threadsButReapers() <= baseline.threadsButReapers() + 8, "threads " + baseline
                            + " -> " + end + ", by name " + end.threadsSince(baseline)),
                    () -> assertTrue(end.descriptorsBut(pooled(after)) <= baseline.descriptorsBut(pooled(before)) + 8,
                            "file descriptors " + baseline + " -> " + end + ", by kind " + end.descriptorsSince(baseline)
                                    + ", database connections " + pooled(before) + " -> " + pooled(after)),
                    // Grizzly opens temporary selectors for blocking writes as it needs them, and keeps up to 32.
                    () -> assertTrue(end.selectors() <= baseline.selectors() + 32, "selectors " + baseline.selectors()
                            + " -> " + end.selectors()),
                    () -> assertTrue(end.heapUsedBytes() <= baseline.heapUsedBytes() + (64L << 20),
                            "heap " + baseline + " -> " + end),
                    () -> assertEquals(database.postgres() ? 2 : 0, tally.events("database drops"), "database drops"),
                    () -> assertEquals("ok", health.body().path("components").path("database").path("status").asText(),
                            "the database after the drops: " + health.body()),
                    () -> assertEquals(0, after.value("catwalk_db_connections_pending"), "threads waiting for a connection"),
                    () -> verdicts.assertMetricsAgree());
        }
    }

    /** Creates the shared and the isolated deployment (ids into {@code ids}) and waits until both run. */
    private static List<SoakClient.Target> deploy(ApiClient api, String admin, List<String> ids) throws Exception {
        Path tiny = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/servers",
                "tiny-server.mjs");
        String node = TestTools.get().node().toString();
        List<SoakClient.Target> targets = new ArrayList<>();
        for (String mode : List.of("shared", "isolated")) {
            // The marker argument (tiny-server ignores it) tells the faults which deployment a process serves.
            ApiClient.Answer created = api.post("/api/deployments", admin, Map.of("name", "soak-" + mode,
                    "command", List.of(node, tiny.toString(), "soak-" + mode), "env", Map.of(), "sessionMode", mode));
            assertEquals(201, created.status(), created.body().toString());
            ids.add(created.body().path("id").asText());
            targets.add(new SoakClient.Target(URI.create(created.body().path("mcpUrl").asText()).getPath(),
                    created.body().path("token").asText(), mode));
        }
        for (String id : ids) {
            api.awaitStatus(id, admin, "running", START);
        }
        return targets;
    }

    /**
     * Runs the 50 clients (and the faults, if any) for {@code length}, then stops them; the clients still in a
     * request {@link SoakClient#BOUND} plus 15 s later (each may have one request and a resume left) are returned.
     */
    private static List<Thread> drive(URI base, List<SoakClient.Target> targets, long seed, Tally tally,
                                      Duration length, Faults faults) throws InterruptedException {
        AtomicBoolean stop = faults == null ? new AtomicBoolean() : faults.stopFlag();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().name("soak-client-" + i)
                    .start(new SoakClient(base, targets, seed * 31 + i, tally, stop, MAX_BODY)));
        }
        Thread chaos = faults == null ? null : Thread.ofVirtual().name("soak-faults").start(faults);
        Thread.sleep(length.toMillis());
        stop.set(true);
        if (chaos != null) {
            chaos.interrupt();
            chaos.join(10_000);
        }
        long deadline = System.nanoTime() + SoakClient.BOUND.multipliedBy(2).plusSeconds(15).toNanos();
        for (Thread client : clients) {
            client.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return clients.stream().filter(Thread::isAlive).toList();
    }

    /**
     * Waits (up to 45 s) until Catwalk is at rest: no session (idle ones expire after 10 s here), no stream, one
     * server process (the shared deployment's) and both deployments running; returns the last scrape either way.
     */
    private static Scrape settle(CatwalkProcess catwalk, ApiClient api, String admin, List<String> ids,
                                 Supplier<Scrape> metrics) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Scrape last = metrics.get();
        while (System.nanoTime() < deadline) {
            last = metrics.get();
            boolean running = true;
            for (String id : ids) {
                running &= "running".equals(api.get("/api/deployments/" + id, admin).body().path("status").asText());
            }
            if (running && last.value("catwalk_mcp_sessions") == 0 && last.value("catwalk_mcp_streams") == 0
                    && last.value("catwalk_server_processes") == 1 && catwalk.descendants().size() == 1) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    /** The database connections Catwalk's pool holds (each a descriptor; the pool keeps what it grew to for 10 min). */
    private static int pooled(Scrape scrape) {
        return (int) (scrape.value("catwalk_db_connections_active") + scrape.value("catwalk_db_connections_idle"));
    }

    /** Logs how many ERROR lines Catwalk wrote, and the first few with the lines that follow each (the cause). */
    private static void logErrors(List<String> stderr) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < stderr.size(); i++) {
            if (stderr.get(i).contains(" ERROR ")) {
                at.add(i);
            }
        }
        log("Catwalk logged " + at.size() + " ERROR lines" + (at.isEmpty() ? "" : "; the first:"));
        for (int i : at.subList(0, Math.min(3, at.size()))) {
            stderr.subList(i, Math.min(stderr.size(), i + 4)).forEach(line -> log("  " + line));
        }
    }

    private static Scrape scrape(URI base, String admin) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + admin).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return new Scrape(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        env.put("CATWALK_SESSION_IDLE_TIMEOUT", "10s"); // the shortest: sessions left behind expire while settling
        env.put("CATWALK_SSE_HEARTBEAT", "1s"); // dropped streams are found gone within a second
        env.put("CATWALK_MAX_BODY_BYTES", Integer.toString(MAX_BODY));
        // Every client is 127.0.0.1, and wrong tokens are among the bad requests: the per-address lockout would
        // refuse everyone. The limits have their own test (RateLimitsIT).
        env.put("CATWALK_RATE_FAILED_AUTH_PER_ADDRESS", "off");
        return env;
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    private static void log(String line) {
        System.out.println("[soak] " + line);
    }
}
