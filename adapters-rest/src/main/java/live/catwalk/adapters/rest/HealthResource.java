package live.catwalk.adapters.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.health.port.in.CheckHealth;

/** {@code GET /api/health}: 200 when every component is ok, 503 otherwise; needs no credentials. */
@Path("/api/health")
public final class HealthResource {

    private final CheckHealth checkHealth;

    public HealthResource(CheckHealth checkHealth) {
        this.checkHealth = Objects.requireNonNull(checkHealth, "checkHealth");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport report = checkHealth.check();
        int status = report.status() == HealthStatus.OK ? 200 : 503;
        return Response.status(status).entity(HealthView.of(report)).build();
    }

    record HealthView(String status, String version, Map<String, ComponentView> components) {

        static HealthView of(HealthReport report) {
            Map<String, ComponentView> components = new LinkedHashMap<>();
            report.components().forEach((name, health) -> components.put(name, ComponentView.of(health)));
            return new HealthView(report.status().wireName(), report.version(), components);
        }
    }

    record ComponentView(String status, String detail) {

        static ComponentView of(ComponentHealth health) {
            return new ComponentView(health.status().wireName(), health.detail());
        }
    }
}
