package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as the server delivers it, without a browser: the page at {@code /} and at each app route with its
 * Content-Security-Policy (whose hash is the inline import map's), every module the import map and the app's imports
 * name, served with the right type and caching, and nothing else from the classpath.
 */
class WebUiIT extends ApiServer {

    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern MAPPED = Pattern.compile("\"([^\"]+)\":\\s*\"(/[^\"]+)\"");
    private static final Pattern RELATIVE_IMPORT = Pattern.compile("from '(\\.{1,2}/[^']+)'");

    @Test
    void thePageCarriesAPolicyThatAllowsOnlyItsImportMap() throws Exception {
        HttpResponse<String> page = call("GET", "/", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        Matcher map = IMPORT_MAP.matcher(page.body());
        assertTrue(map.find(), page.body());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self' 'sha256-" + hash + "'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        for (String route : List.of("/sign-in", "/new", "/settings", "/deployments/d-1")) {
            HttpResponse<String> deep = call("GET", route, null, null);
            assertEquals(200, deep.statusCode(), route);
            assertEquals(page.body(), deep.body(), route);
        }
    }

    @Test
    void whatIsNotThePagesIsAProblem() throws Exception {
        for (String path : List.of("/nope", "/deployments/a/b", "/deployments/", "/webjars/jquery/3.0.0/jquery.js",
                "/_static/other/x.js", "/app/missing.js", "/app/../catwalk-web/index.html")) {
            HttpResponse<String> response = call("GET", path, null, null);
            assertEquals(404, response.statusCode(), path);
        }
        assertProblem(call("GET", "/nope", null, null), 404, "not_found");
        assertEquals(405, call("POST", "/", "{}", null).statusCode());
        assertEquals(405, call("POST", "/app/main.js", "{}", null).statusCode());
        assertProblem(call("GET", "/api/deployments", null, null), 401, "unauthorized");
    }

    @Test
    void everyModuleThePageNeedsIsServed() throws Exception {
        String page = call("GET", "/", null, null).body();
        Matcher map = IMPORT_MAP.matcher(page);
        assertTrue(map.find());
        Matcher mapped = MAPPED.matcher(map.group(1));
        int libraries = 0;
        while (mapped.find()) {
            HttpResponse<String> library = call("GET", mapped.group(2), null, null);
            assertEquals(200, library.statusCode(), mapped.group(1) + " → " + mapped.group(2));
            assertEquals("text/javascript", library.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertTrue(library.headers().firstValue("Cache-Control").orElse("").contains("immutable"), mapped.group(2));
            libraries++;
        }
        assertEquals(4, libraries, "preact, preact/hooks, htm and htm/preact");

        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("/app/main.js"));
        while (!todo.isEmpty()) {
            String module = todo.pop();
            if (!seen.add(module)) {
                continue;
            }
            HttpResponse<String> js = call("GET", module, null, null);
            assertEquals(200, js.statusCode(), module);
            assertEquals("no-cache", js.headers().firstValue("Cache-Control").orElse(""), module);
            assertEquals("nosniff", js.headers().firstValue("X-Content-Type-Options").orElse(""), module);
            Matcher imports = RELATIVE_IMPORT.matcher(js.body());
            while (imports.find()) {
                todo.push(java.net.URI.create(module).resolve(imports.group(1)).getPath());
            }
        }
        assertTrue(seen.size() >= 8, "main.js reaches the app's modules: " + seen);
        for (String asset : List.of("/app/app.css", "/app/icon.svg")) {
            assertEquals(200, call("GET", asset, null, null).statusCode(), asset);
        }
    }
}
