package live.catwalk.adapters.rest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest.Era;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest.Outcome;
import org.junit.jupiter.api.Test;

/** The events and gauges as Prometheus text: names, bounded labels, and gauges read once per scrape. */
class PrometheusTelemetryTest {

    private final PrometheusTelemetry metrics = PrometheusTelemetry.create();

    /** The value of the one sample line starting with {@code series} (name and labels as Prometheus writes them). */
    static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no sample " + series + " in:\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void mcpRequestsAreAHistogramByMethodEraAndOutcome() {
        metrics.record(new McpRequest("tools/call", Era.SESSIONFUL_2025, Outcome.OK, 3_000_000));
        metrics.record(new McpRequest("tools/call", Era.SESSIONFUL_2025, Outcome.OK, 40_000_000));
        metrics.record(new McpRequest("unread", Era.UNKNOWN, Outcome.UNAUTHORIZED, 100_000));

        String text = metrics.scrape();
        String call = "era=\"2025\",method=\"tools/call\",outcome=\"ok\"";
        assertEquals(2, sample(text, "catwalk_mcp_requests_seconds_count{" + call + "}"));
        assertEquals(0.043, sample(text, "catwalk_mcp_requests_seconds_sum{" + call + "}"), 1e-9);
        assertEquals(1, sample(text, "catwalk_mcp_requests_seconds_bucket{" + call + ",le=\"0.005\"}"));
        assertEquals(2, sample(text, "catwalk_mcp_requests_seconds_bucket{" + call + ",le=\"0.05\"}"));
        assertEquals(1, sample(text, "catwalk_mcp_requests_seconds_count{era=\"unknown\",method=\"unread\","
                + "outcome=\"unauthorized\"}"));
        assertTrue(text.contains("# TYPE catwalk_mcp_requests_seconds histogram"), text);
    }

    @Test
    void restartsAndGiveUpsAreCountedFromZero() {
        assertEquals(0, sample(metrics.scrape(), "catwalk_server_restarts_total"));
        metrics.record(new TelemetryEvent.ServerRestarted());
        metrics.record(new TelemetryEvent.ServerRestarted());
        metrics.record(new TelemetryEvent.ServerGaveUp());

        String text = metrics.scrape();
        assertEquals(2, sample(text, "catwalk_server_restarts_total"));
        assertEquals(1, sample(text, "catwalk_server_give_ups_total"));
    }

    @Test
    void oauthTokensConsentsAndRateLimitsAreCountedByTheirLabels() {
        metrics.record(new TelemetryEvent.OAuthToken("authorization_code", "issued"));
        metrics.record(new TelemetryEvent.OAuthToken("refresh_token", "invalid_grant"));
        metrics.record(new TelemetryEvent.OAuthConsent(false));
        metrics.record(new TelemetryEvent.RateLimited("mcp"));

        String text = metrics.scrape();
        assertEquals(1, sample(text, "catwalk_oauth_tokens_total{grant_type=\"authorization_code\",outcome=\"issued\"}"));
        assertEquals(1, sample(text, "catwalk_oauth_tokens_total{grant_type=\"refresh_token\",outcome=\"invalid_grant\"}"));
        assertEquals(1, sample(text, "catwalk_oauth_consents_total{decision=\"denied\"}"));
        assertEquals(1, sample(text, "catwalk_rate_limited_total{where=\"mcp\"}"));
    }

    @Test
    void rateLimitNamesBeyondTheFirstSixteenAreCountedAsOther() {
        for (int i = 0; i < PrometheusTelemetry.MAX_RATE_LIMITS + 5; i++) {
            metrics.record(new TelemetryEvent.RateLimited("limit_" + i));
        }
        metrics.record(new TelemetryEvent.RateLimited("limit_0"));

        String text = metrics.scrape();
        assertEquals(2, sample(text, "catwalk_rate_limited_total{where=\"limit_0\"}"));
        assertEquals(5, sample(text, "catwalk_rate_limited_total{where=\"other\"}"));
        assertFalse(text.contains("limit_20"), "no series past the bound");
    }

    @Test
    void gaugesAreReadOncePerScrapeAndAFailedReadingKeepsTheLastValue() {
        AtomicInteger deploymentReads = new AtomicInteger();
        AtomicInteger sessions = new AtomicInteger(3);
        metrics.watch(new Gauges(sessions::get, () -> 1, () -> 4, () -> {
            if (deploymentReads.incrementAndGet() > 1) {
                throw new IllegalStateException("database down");
            }
            return Map.of(DeploymentStatus.RUNNING, 2L, DeploymentStatus.FAILED, 1L);
        }, () -> new Gauges.Pool(1, 2, 0, 10)));

        String first = metrics.scrape();
        sessions.set(5);
        String second = metrics.scrape();

        assertEquals(2, deploymentReads.get(), "one read of the deployments per scrape, not one per status");
        assertEquals(3, sample(first, "catwalk_mcp_sessions"));
        assertEquals(5, sample(second, "catwalk_mcp_sessions"));
        assertEquals(1, sample(second, "catwalk_mcp_streams"));
        assertEquals(4, sample(second, "catwalk_server_processes"));
        assertEquals(2, sample(second, "catwalk_deployments{status=\"running\"}"), "kept when the read fails");
        assertEquals(1, sample(second, "catwalk_deployments{status=\"failed\"}"));
        assertEquals(0, sample(second, "catwalk_deployments{status=\"stopped\"}"));
        assertEquals(1, sample(second, "catwalk_db_connections_active"));
        assertEquals(10, sample(second, "catwalk_db_connections_max"));
        assertTrue(second.contains("jvm_memory_used_bytes{"), "the JVM's own metrics are there too");
    }
}
