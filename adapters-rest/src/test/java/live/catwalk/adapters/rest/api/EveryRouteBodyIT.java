package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import live.catwalk.adapters.rest.HealthResource;
import live.catwalk.adapters.rest.mcp.RawHttp;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every route of the API, found by walking Jersey's model of the resources {@link ControlPlaneApi} registers
 * (so a new route cannot be left out), answers every missing or malformed body with a 4xx problem JSON
 * that names what is wrong: never a 500, never an HTML page.
 */
class EveryRouteBodyIT extends ApiServer {

    /** A route: method and path template, and whether its resource method reads a JSON body. */
    record Route(String method, String template, boolean readsBody) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /**
     * A body to send: a label, the Content-Type (null: none), the body (null: none), and the status and
     * {@code error} code it must get (null: any 4xx problem naming a field).
     */
    record Body(String label, String contentType, String content, Integer status, String error) {
        Body(String label, String contentType, String content) {
            this(label, contentType, content, null, null);
        }
    }

    private static final String JSON_TYPE = "application/json";

    private static final List<Body> MALFORMED = List.of(
            new Body("no body, no Content-Type", null, null, 400, "invalid_json"),
            new Body("empty body", JSON_TYPE, "", 400, "invalid_json"),
            new Body("blank body", JSON_TYPE, " \r\n ", 400, "invalid_json"),
            new Body("null", JSON_TYPE, "null", 400, "invalid_json"),
            new Body("an array", JSON_TYPE, "[{\"name\":\"x\"}]", 400, "invalid_input"),
            new Body("a string", JSON_TYPE, "\"laptop\"", 400, "invalid_input"),
            new Body("a number", JSON_TYPE, "42", 400, "invalid_input"),
            new Body("text/plain", "text/plain", "{\"name\":\"x\"}", 415, "unsupported_media_type"),
            new Body("a body without Content-Type", null, "{\"name\":\"x\"}", 415, "unsupported_media_type"),
            new Body("truncated JSON", JSON_TYPE, "{\"na", 400, "invalid_json"),
            new Body("JSON cut inside an object", JSON_TYPE, "{\"env\": {\"A\": \"b\""),
            new Body("not JSON", JSON_TYPE, "name=x", 400, "invalid_json"),
            new Body("two values", JSON_TYPE, "{} {}", 400, "invalid_json"),
            new Body("over the size limit", JSON_TYPE,
                    "{\"name\":\"" + "x".repeat((int) MAX_BODY) + "\"}", 413, "too_large"));

    private final Map<String, String> ids = new LinkedHashMap<>();

    /** Every route the control plane and health serve, from Jersey's resource model. */
    static List<Route> routes() {
        Supplier<URI> base = () -> URI.create("http://127.0.0.1/");
        List<Object> components = new ArrayList<>(ControlPlaneApi.components(
                new FakeControlPlane().controlPlane(Optional.empty()), base));
        components.add(HealthResource.class);
        components.add(GitHubSessionResource.class);
        List<Route> routes = new ArrayList<>();
        for (Object component : components) {
            Class<?> type = component instanceof Class<?> c ? c : component.getClass();
            if (type.isAnnotationPresent(Path.class)) {
                collect(Resource.from(type), "", routes);
            }
        }
        return routes;
    }

    private static void collect(Resource resource, String parent, List<Route> into) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            boolean readsBody = method.getInvocable().getParameters().stream()
                    .anyMatch(p -> p.getSource() == Parameter.Source.ENTITY);
            into.add(new Route(method.getHttpMethod(), path, readsBody));
        }
        resource.getChildResources().forEach(child -> collect(child, path, into));
    }

    private static String join(String parent, String path) {
        String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
        return p.isEmpty() ? parent : parent + "/" + p;
    }

    @BeforeEach
    void someThingsToNameInPaths() throws Exception {
        ids.put("/api/deployments/{id}", createDeployment("x").path("id").asText());
        ids.put("/api/users/{id}", fake.bob.id().toString());
        ids.put("/api/tokens/{id}", ok(call("POST", "/api/tokens", "{\"name\":\"t\"}"), 201).path("id").asText());
        ids.put("/api/analyses/{id}", "an-analysis");
    }

    private String path(Route route) {
        String path = route.template().replace("{name: .+}", "io.github.acme/weather")
                .replace("{grant}", "00000000-0000-0000-0000-00000000000a");
        for (var id : ids.entrySet()) {
            if (path.startsWith(id.getKey())) {
                path = id.getValue() == null ? path : path.replace("{id}", id.getValue());
            }
        }
        assertFalse(path.contains("{"), "no id to put into " + route + "; add one to someThingsToNameInPaths");
        return path;
    }

    @Test
    void theWalkFindsTheRoutesThatReadBodies() {
        Set<String> reading = routes().stream().filter(Route::readsBody).map(Route::toString)
                .collect(Collectors.toSet());

        assertEquals(Set.of("POST /api/deployments", "PUT /api/deployments/{id}/env", "POST /api/tokens",
                "POST /api/users", "PUT /api/settings", "POST /api/analyses", "POST /api/session"), reading);
        assertTrue(routes().stream().anyMatch(r -> r.toString().equals("POST /api/deployments/{id}/restart")));
    }

    @Test
    void everyRouteThatReadsABodyRefusesEveryMalformedOneWithA4xxProblem() throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (Route route : routes()) {
            if (!route.readsBody()) {
                continue;
            }
            String path = path(route);
            for (Body body : MALFORMED) {
                RawHttp.Reply reply = send(route.method(), path, body);

                checks.add(() -> {
                    String what = route + " with " + body.label();
                    JsonNode problem = assertProblem(what, reply, body.status() == null);
                    if (body.status() != null) {
                        assertEquals(body.status(), reply.status(), what + ": " + reply.body());
                        assertEquals(body.error(), problem.path("error").asText(), what + ": " + reply.body());
                    }
                    if (reply.status() == 415) {
                        String named = body.contentType() == null ? "no Content-Type" : "'" + body.contentType() + "'";
                        assertTrue(problem.path("message").asText().contains(named), what + ": " + reply.body());
                    }
                });
            }
        }
        assertFalse(checks.isEmpty());
        assertAll(checks);
    }

    @Test
    void aRouteThatReadsNoBodyIgnoresOneButNeverFailsOnIt() throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (Route route : routes()) {
            if (route.readsBody() || route.method().equals("GET") || route.method().equals("DELETE")) {
                continue;
            }
            for (Body body : MALFORMED) {
                ids.put("/api/deployments/{id}", createDeployment("n" + checks.size()).path("id").asText());
                RawHttp.Reply reply = send(route.method(), path(route), body);
                checks.add(() -> {
                    String what = route + " with " + body.label();
                    assertTrue(reply.status() < 500, what + ": " + reply.status() + " " + reply.body());
                    assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/json"),
                            what + ": " + reply.header("Content-Type"));
                    if (reply.status() >= 400) {
                        assertProblem(what, reply, false);
                    }
                });
            }
        }
        assertFalse(checks.isEmpty());
        assertAll(checks);
    }

    @Test
    void aMethodARouteDoesNotHaveIsA405ProblemNamingTheOnesItHas() throws Exception {
        List<Executable> checks = new ArrayList<>();
        Map<String, List<Route>> byPath = routes().stream().collect(Collectors.groupingBy(Route::template));
        for (var entry : byPath.entrySet()) {
            Set<String> has = entry.getValue().stream().map(Route::method).collect(Collectors.toSet());
            String path = path(entry.getValue().getFirst());
            for (String method : List.of("POST", "PUT", "PATCH")) {
                if (has.contains(method)) {
                    continue;
                }
                RawHttp.Reply reply = send(method, path, new Body("{}", JSON_TYPE, "{}"));
                checks.add(() -> {
                    assertEquals(405, reply.status(), method + " " + entry.getKey() + ": " + reply.body());
                    assertProblem(method + " " + entry.getKey(), reply, false);
                });
            }
        }
        assertFalse(checks.isEmpty());
        assertAll(checks);
    }

    private RawHttp.Reply send(String method, String path, Body body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN);
        if (body.contentType() != null) {
            headers.put("Content-Type", body.contentType());
        }
        return RawHttp.send(base, method, path, headers, body.content());
    }

    private static JsonNode assertProblem(String what, RawHttp.Reply reply, boolean namesField) throws Exception {
        assertTrue(reply.status() >= 400 && reply.status() < 500, what + ": " + reply.status() + " " + reply.body());
        String type = String.valueOf(reply.header("Content-Type"));
        assertTrue(type.startsWith("application/json"), what + ": Content-Type " + type);
        JsonNode problem = JSON.readTree(reply.body());
        assertFalse(problem.path("error").asText().isBlank(), what + ": " + reply.body());
        assertFalse(problem.path("message").asText().isBlank(), what + ": " + reply.body());
        if (namesField && reply.status() == 400) {
            assertFalse(problem.path("field").asText().isBlank(), what + " names no field: " + reply.body());
        }
        return problem;
    }
}
