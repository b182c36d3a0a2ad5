package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicUrlIT extends ApiServer {

    @Override
    Optional<URI> publicUrl() {
        return Optional.of(URI.create("https://catwalk.example.com/"));
    }

    @Test
    void linksUseTheConfiguredPublicUrlInsteadOfTheRequestsHost() throws Exception {
        var response = call("POST", "/api/deployments",
                "{\"name\":\"x\",\"package\":{\"registry\":\"pypi\",\"name\":\"mcp-x\"}}");
        JsonNode created = ok(response, 201);
        String id = created.path("id").asText();

        assertEquals("https://catwalk.example.com/mcp/" + id, created.path("mcpUrl").asText());
        assertEquals("https://catwalk.example.com/api/deployments/" + id,
                response.headers().firstValue("Location").orElse(""));
        assertEquals("https://catwalk.example.com/mcp/" + id,
                ok(get("/api/deployments/" + id + "/connect"), 200).path("generic").path("url").asText());
        assertEquals("null", created.path("package").path("version").toString());
    }
}
