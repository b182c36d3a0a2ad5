package live.catwalk.adapters.llm.mcpregistry;

/** Answers shaped as registry.modelcontextprotocol.io's v0.1 API gives them, around three kinds of server. */
final class RegistryPayloads {

    /** An npm package run by npx over stdio, with a secret and an optional variable. */
    static final String NPM_WEATHER = """
            {"$schema":"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",\
            "name":"io.github.acme/weather","title":"Weather","description":"Forecasts and alerts from OpenWeather",\
            "version":"1.4.0","repository":{"url":"https://github.com/acme/weather-mcp","source":"github"},\
            "packages":[{"registryType":"npm","registryBaseUrl":"https://registry.npmjs.org",\
            "identifier":"@acme/weather-mcp","version":"1.4.0","runtimeHint":"npx","transport":{"type":"stdio"},\
            "environmentVariables":[{"name":"OPENWEATHER_API_KEY","description":"API key","isRequired":true,\
            "isSecret":true},{"name":"WEATHER_UNITS","default":"metric","choices":["metric","imperial"]}]}]}""";

    /** A PyPI package run by uvx over stdio, with a positional argument. */
    static final String PYPI_SQLITE = """
            {"$schema":"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",\
            "name":"io.github.dataco/sqlite-explorer","description":"Read-only SQL over a local SQLite file",\
            "version":"0.9.2","packages":[{"registryType":"pypi","registryBaseUrl":"https://pypi.org",\
            "identifier":"mcp-sqlite-explorer","version":"0.9.2","runtimeHint":"uvx","transport":{"type":"stdio"},\
            "packageArguments":[{"type":"positional","valueHint":"db_path","format":"filepath","isRequired":true}],\
            "environmentVariables":[{"name":"SQLITE_READONLY","format":"boolean","default":"true"}]}]}""";

    /** A server reached only at its own multi-tenant URL, with a secret header. */
    static final String REMOTE_ISSUES = """
            {"$schema":"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",\
            "name":"com.example/issues","description":"Issue tracker tools","version":"2.0.1",\
            "websiteUrl":"https://example.com/mcp","remotes":[{"type":"streamable-http",\
            "url":"https://{tenant_id}.issues.example.com/mcp","variables":{"tenant_id":{"isRequired":true}},\
            "headers":[{"name":"Authorization","value":"Bearer {token}","isSecret":true,\
            "variables":{"token":{"isSecret":true,"isRequired":true}}}]}],\
            "_meta":{"io.modelcontextprotocol.registry/publisher-provided":{"tool":"mcp-publisher","version":"1.3.0"}}}""";

    private RegistryPayloads() {
    }

    /** One list item: {@code server} with the registry's own metadata. */
    static String item(String server, String status) {
        return "{\"server\":" + server + ",\"_meta\":{\"io.modelcontextprotocol.registry/official\":{\"status\":\""
                + status + "\",\"publishedAt\":\"2025-10-20T08:12:44.120Z\",\"updatedAt\":\"2025-11-02T17:03:10Z\","
                + "\"isLatest\":true}}}";
    }

    /** A page of {@code items}; {@code nextCursor} null: the last page (the key is left out). */
    static String page(String nextCursor, String... items) {
        return "{\"servers\":[" + String.join(",", items) + "],\"metadata\":{"
                + (nextCursor == null ? "" : "\"nextCursor\":\"" + nextCursor + "\",") + "\"count\":" + items.length
                + "}}";
    }

    /** A compact server.json named {@code name} whose UTF-8 text is exactly {@code bytes} long. */
    static String serverOfBytes(String name, int bytes) {
        String head = "{\"name\":\"" + name + "\",\"description\":\"";
        int padding = bytes - head.length() - 2;
        // Two-byte characters: a bound counted in chars instead of bytes would keep what should be skipped.
        return head + "é".repeat(padding / 2) + "x".repeat(padding % 2) + "\"}";
    }
}
