package live.catwalk.adapters.fly;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** What the Fly tests share: the app, the key, machine JSON as Fly answers it, a clock tests move. */
final class FlyStubs {

    static final String APP = "cw-app";
    static final String IMAGE = "registry.fly.io/cw-runner:1";
    static final String MACHINES = "/v1/apps/" + APP + "/machines";
    static final byte[] RUNNER_KEY = "a-runner-key-of-thirty-two-bytes-or-more".getBytes(StandardCharsets.UTF_8);
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FlyStubs() {
    }

    /** A builder against the stub, with retries that record their pauses instead of sleeping. */
    static FlyRuntimeBuilder builder(WireMockExtension fly, String token, Clock clock, List<Duration> pauses) {
        return FlyRuntime.builder(CLIENT, token, APP, IMAGE, RUNNER_KEY).api(URI.create(fly.baseUrl() + "/v1"))
                .clock(clock).timeout(Duration.ofSeconds(5))
                .backoff(3, Duration.ofMillis(100), Duration.ofSeconds(10), pauses::add);
    }

    static List<Duration> pauses() {
        return new CopyOnWriteArrayList<>();
    }

    /** A machine as the Machines API describes it. */
    static String machine(String id, String state, String deployment) {
        String metadata = deployment == null ? "{}" : "{\"catwalk_deployment\":\"" + deployment + "\"}";
        return """
                {"id":"%s","name":"n-%s","state":"%s","region":"ams","instance_id":"v-%s",
                 "config":{"image":"%s","metadata":%s}}""".formatted(id, id, state, id, IMAGE, metadata);
    }

    static String list(String... machines) {
        return "[" + String.join(",", machines) + "]";
    }

    /** {@code METHOD url} of each request the stub received, oldest first. */
    static List<String> calls(WireMockExtension fly) {
        List<ServeEvent> events = new ArrayList<>(fly.getAllServeEvents()); // newest first
        Collections.reverse(events);
        return events.stream().map(ServeEvent::getRequest).map(r -> r.getMethod() + " " + r.getUrl()).toList();
    }

    /** A clock that stands still until a test moves it, or moves by {@code step} each time it is read. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-08-01T10:00:00Z"));
        private final Duration step;

        TestClock(Duration step) {
            this.step = step;
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.getAndUpdate(t -> t.plus(step));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
