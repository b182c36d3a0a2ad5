package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3.1 document of the control plane, served without credentials, that
 * documents exactly the routes Jersey serves (walked from its resource model, as {@link EveryRouteBodyIT} does).
 */
class OpenApiDocumentIT extends ApiServer {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void theDocumentDescribesExactlyTheRoutesThatExist() throws Exception {
        HttpResponse<String> response = call("GET", "/api/openapi.json", null, null);
        assertEquals(200, response.statusCode(), response.body());
        assertJson(response);
        JsonNode doc = JSON.readTree(response.body());
        assertEquals("3.1.0", doc.path("openapi").asText());

        Set<String> documented = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        Set<String> served = EveryRouteBodyIT.routes().stream()
                .map(r -> r.method() + " /" + r.template().replaceAll("^/+", "").replaceAll("\\{(\\w+):[^}]*}", "{$1}"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(served, documented);
    }

    @Test
    void everyOperationHasAnIdASummaryAndItsResponsesAndEveryReferenceResolves() throws Exception {
        JsonNode doc = JSON.readTree(get("/api/openapi.json").body());
        Set<String> ids = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                String where = op.getKey() + " " + path.getKey();
                assertTrue(ids.add(op.getValue().path("operationId").asText()), "unique operationId: " + where);
                assertTrue(op.getValue().path("summary").isTextual(), where);
                assertTrue(op.getValue().path("responses").size() > 0, where);
                for (String param : path.getKey().split("/")) {
                    if (param.startsWith("{")) {
                        String name = param.substring(1, param.length() - 1);
                        boolean declared = false;
                        for (JsonNode p : op.getValue().path("parameters")) {
                            declared |= p.path("name").asText().equals(name) && p.path("in").asText().equals("path");
                        }
                        assertTrue(declared, "path parameter " + name + " of " + where);
                    }
                }
            }
        }));
        for (String ref : refs(doc, new TreeSet<>())) {
            JsonNode target = doc.at(ref.substring(1));
            assertTrue(!target.isMissingNode(), "unresolved " + ref);
        }
    }

    private static Set<String> refs(JsonNode node, Set<String> into) {
        if (node.has("$ref")) {
            into.add(node.path("$ref").asText());
        }
        node.forEach(child -> refs(child, into));
        return into;
    }
}
