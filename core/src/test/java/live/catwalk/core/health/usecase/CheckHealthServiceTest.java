package live.catwalk.core.health.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.health.port.out.HealthProbe;
import org.junit.jupiter.api.Test;

class CheckHealthServiceTest {

    private static HealthProbe probe(String name, Supplier<ComponentHealth> result) {
        return new HealthProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentHealth probe() {
                return result.get();
            }
        };
    }

    @Test
    void reportsOkWhenEveryComponentIsOk() {
        var service = new CheckHealthService("1.2.3", List.of(
                probe("database", () -> ComponentHealth.ok("h2")),
                probe("runtime", () -> ComponentHealth.ok("local"))));

        HealthReport report = service.check();

        assertEquals(HealthStatus.OK, report.status());
        assertEquals("1.2.3", report.version());
        assertEquals(List.of("database", "runtime"), List.copyOf(report.components().keySet()));
    }

    @Test
    void oneDownComponentMakesTheWholeReportDown() {
        var service = new CheckHealthService("1", List.of(
                probe("database", () -> ComponentHealth.ok("")),
                probe("runtime", () -> ComponentHealth.down("no docker"))));

        HealthReport report = service.check();

        assertEquals(HealthStatus.DOWN, report.status());
        assertEquals(HealthStatus.OK, report.components().get("database").status());
        assertEquals("no docker", report.components().get("runtime").detail());
    }

    @Test
    void aThrowingProbeIsDownAndItsMessageIsNotRepeated() {
        var service = new CheckHealthService("1", List.of(
                probe("database", () -> {
                    throw new IllegalStateException("password=hunter2 rejected by db.internal");
                })));

        ComponentHealth database = service.check().components().get("database");

        assertEquals(HealthStatus.DOWN, database.status());
        assertFalse(database.detail().contains("hunter2"), database.detail());
        assertFalse(database.detail().contains("db.internal"), database.detail());
    }

    @Test
    void withNoProbesTheReportIsOkAndEmpty() {
        HealthReport report = new CheckHealthService("1", List.of()).check();

        assertEquals(HealthStatus.OK, report.status());
        assertEquals(0, report.components().size());
    }

    @Test
    void aProbeThatHangsIsDownWithinTheDeadlineAndTheOthersStillAnswer() {
        var release = new CountDownLatch(1);
        var service = new CheckHealthService("1", List.of(
                probe("database", () -> {
                    awaitQuietly(release);
                    return ComponentHealth.ok("late");
                }),
                probe("vault", () -> ComponentHealth.ok("sealed and opened"))), Duration.ofMillis(300));

        long start = System.nanoTime();
        HealthReport report = service.check();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();

        assertEquals(HealthStatus.DOWN, report.status());
        assertEquals("did not answer within 300 ms", report.components().get("database").detail());
        assertEquals(HealthStatus.OK, report.components().get("vault").status());
        assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms");
    }

    @Test
    void aHangingProbeIsNotStartedAgainWhileItsRunIsInFlightAndIsAskedAgainOnceItEnds() throws Exception {
        var calls = new AtomicInteger();
        var release = new CountDownLatch(1);
        var service = new CheckHealthService("1", List.of(probe("database", () -> {
            if (calls.incrementAndGet() == 1) {
                awaitQuietly(release);
            }
            return ComponentHealth.ok("answered");
        })), Duration.ofMillis(500));

        service.check();
        service.check();
        service.check();
        assertEquals(1, calls.get());

        release.countDown();
        HealthReport joined = service.check(); // the first run's answer, or a new one
        assertEquals(HealthStatus.OK, joined.status(), joined.toString());
        service.check();
        assertTrue(calls.get() >= 2, "asked again after the hanging run ended: " + calls.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
