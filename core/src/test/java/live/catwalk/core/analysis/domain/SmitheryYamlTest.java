package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SmitheryYaml over trees written here as JSON (the YAML parser lives in an adapter). */
class SmitheryYamlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type": "object", "required": ["apiKey", "url", "level"],
             "properties": {"apiKey": {"type": "string", "description": "Your key"},
              "url": {"type": "string", "format": "uri", "description": "Endpoint"},
              "level": {"type": "string", "enum": ["low", "high"], "default": "low"},
              "retries": {"type": "integer", "default": 3},
              "verbose": {"type": "boolean"},
              "githubPersonalAccessToken": {"type": "string"},
              "maxTokens": {"type": "number"}}}""";

    /** A smithery.yaml whose start command has {@link #SCHEMA} and {@code function}. */
    private static SmitheryYaml withFunction(String function) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode start = root.putObject("startCommand").put("type", "stdio").put("commandFunction", function);
        start.set("configSchema", JSON.readTree(SCHEMA));
        return read(root);
    }

    private static SmitheryYaml read(JsonNode root) {
        return assertInstanceOf(SmitheryYaml.Parsed.Read.class, SmitheryYaml.of(root)).smitheryYaml();
    }

    private static EnvVar variable(SmitheryYaml s, String name) {
        return s.env().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError(name + " not among " + s.env()));
    }

    @Test
    void theFunctionsCommandArgsAndEnvAreReadWithoutRunningIt() throws Exception {
        SmitheryYaml s = withFunction("(config) => ({ command: 'node', args: ['dist/index.js', \"--stdio\"], "
                + "env: { API_KEY: config.apiKey, SERVICE_URL: config.url || '', FIXED: 'on', PORT: 3000 } })");
        assertEquals(Optional.of("stdio"), s.startType());
        assertEquals(Optional.of("node"), s.command());
        assertEquals(List.of("dist/index.js", "--stdio"), s.args());
        assertEquals(List.of("API_KEY", "SERVICE_URL", "FIXED", "PORT"), s.env().stream().map(EnvVar::name).toList());
        assertTrue(s.env().stream().allMatch(v -> v.source() == Source.SMITHERY));
        EnvVar key = variable(s, "API_KEY");
        assertTrue(key.required(), "required by the schema, no fallback");
        assertTrue(key.secret());
        assertEquals(Optional.of("Your key"), key.description());
        assertEquals(Optional.of("on"), variable(s, "FIXED").defaultValue());
        assertEquals(Optional.of("3000"), variable(s, "PORT").defaultValue());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void aFallbackMakesARequiredPropertyOptional() throws Exception {
        SmitheryYaml s = withFunction("config => ({command: 'npx', env: {SERVICE_URL: config.url || '', "
                + "LEVEL: config.level ?? 'high', KEY: config['apiKey'], KEY2: config?.apiKey, "
                + "KEY3: config.apiKey ? config.apiKey : undefined}})");
        EnvVar url = variable(s, "SERVICE_URL");
        assertFalse(url.required(), "'|| \"\"' stands in when it is unset");
        assertEquals(Optional.empty(), url.defaultValue(), "an empty fallback is no default");
        assertFalse(variable(s, "LEVEL").required());
        assertEquals(Optional.of("low"), variable(s, "LEVEL").defaultValue(), "the schema's default first");
        assertTrue(variable(s, "KEY").required());
        assertTrue(variable(s, "KEY2").required(), "optional chaining is no fallback");
        assertFalse(variable(s, "KEY3").required(), "a conditional is a fallback");
    }

    @Test
    void formatsChoicesAndDefaultsComeFromTheSchema() throws Exception {
        SmitheryYaml s = withFunction("(config) => ({ command: 'node', env: { SERVICE_URL: config.url, "
                + "LEVEL: config.level, RETRIES: String(config.retries), VERBOSE: config.verbose ? '1' : '', "
                + "NOTE: config.missing || 'none' } })");
        assertEquals("url", variable(s, "SERVICE_URL").format());
        assertEquals(Optional.of("Endpoint"), variable(s, "SERVICE_URL").description());
        EnvVar level = variable(s, "LEVEL");
        assertEquals(List.of("low", "high"), level.choices());
        assertEquals("text", level.format());
        assertEquals(Optional.of("low"), level.defaultValue());
        assertTrue(level.required());
        assertEquals("number", variable(s, "RETRIES").format());
        assertEquals(Optional.of("3"), variable(s, "RETRIES").defaultValue());
        assertEquals("boolean", variable(s, "VERBOSE").format());
        EnvVar note = variable(s, "NOTE");
        assertEquals(Optional.of("none"), note.defaultValue(), "without a schema default, the fallback's");
        assertEquals(Optional.empty(), note.description());
    }

    @Test
    void aSecretIsKnownByTheVariablesNameOrThePropertysWords() throws Exception {
        SmitheryYaml s = withFunction("(config) => ({ command: 'node', env: { GH_PAT: config.githubPersonalAccessToken,"
                + " MAX_TOKENS: config.maxTokens, DB_PASSWORD: config.level, PLAIN: config.level } })");
        assertTrue(variable(s, "GH_PAT").secret(), "its property ends in Token");
        assertFalse(variable(s, "MAX_TOKENS").secret(), "maxTokens is a count, not a token");
        assertTrue(variable(s, "DB_PASSWORD").secret());
        assertFalse(variable(s, "PLAIN").secret());
        assertTrue(SmitheryYaml.secretProperty("apiKey"));
        assertTrue(SmitheryYaml.secretProperty("APIKey"));
        assertTrue(SmitheryYaml.secretProperty("clientSecret"));
        assertTrue(SmitheryYaml.secretProperty("password"));
        assertFalse(SmitheryYaml.secretProperty("keyword"));
        assertFalse(SmitheryYaml.secretProperty("tokenizer"));
    }

    @Test
    void aNameThatIsNoVariableNameIsSkippedWithAWarning() throws Exception {
        SmitheryYaml s = withFunction("(config) => ({ command: 'node', env: { 'MY-VAR': config.apiKey, "
                + "\"GOOD\": config.url, $odd: 'x', 'ALSO_GOOD': 'y' } })");
        assertEquals(List.of("GOOD", "ALSO_GOOD"), s.env().stream().map(EnvVar::name).toList());
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().getFirst().contains("MY-VAR"));
    }

    @Test
    void whatThePatternsCannotReadIsSaid() throws Exception {
        SmitheryYaml computed = withFunction("(config) => ({ command: 'node', args: ['a.js', config.port] })");
        assertEquals(List.of("a.js"), computed.args());
        assertEquals(1, computed.warnings().size());
        SmitheryYaml opaque = withFunction("(config) => ({ command: 'node', env: makeEnv(config) })");
        assertEquals(List.of(), opaque.env());
        assertEquals(1, opaque.warnings().size());
        SmitheryYaml unreadEntries = withFunction("(config) => ({ command: 'node', env: { ...process.env, "
                + "HOME_DIR: process.env.HOME, KEY: config.apiKey } })");
        assertEquals(List.of("HOME_DIR", "KEY"), unreadEntries.env().stream().map(EnvVar::name).toList());
        assertEquals(Optional.empty(), variable(unreadEntries, "HOME_DIR").defaultValue());
    }

    @Test
    void theFunctionIsReadBoundedAndQuickly() throws Exception {
        StringBuilder many = new StringBuilder("(config) => ({ command: 'node', env: {");
        for (int i = 0; i < 150; i++) {
            many.append(" V").append(i).append(": 'x',");
        }
        SmitheryYaml s = withFunction(many.append(" } })").toString());
        assertEquals(100, s.env().size());
        assertEquals(1, s.warnings().size());
        String hostile = "env: { A: " + "'".repeat(20_000) + " command: '" + "a,".repeat(20_000);
        SmitheryYaml cut = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> withFunction(hostile));
        assertTrue(cut.warnings().stream().anyMatch(w -> w.contains("longer than")), cut.warnings().toString());
        for (String shape : List.of("env:{".repeat(3_200), "env: {" + ",a:".repeat(5_000),
                "args: [" + "'".repeat(16_000), "command: `" + "a".repeat(16_000),
                "env: {A: " + "config.".repeat(2_000) + "}",
                "env: {" + "A: config.x || ".repeat(1_000) + "}")) {
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> withFunction(shape), shape.substring(0, 12));
        }
    }

    @Test
    void theOlderFormGivesCommandArgsAndEnvAsYaml() throws Exception {
        SmitheryYaml s = read(JSON.readTree("""
                {"startCommand": {"type": "stdio", "command": "python", "args": ["-m", "notes", 8080, {"x": 1}],
                  "configSchema": {"required": ["apiKey"], "properties": {"apiKey": {"type": "string"}}},
                  "env": {"NOTES_API_KEY": "${config.apiKey}", "LOG_LEVEL": "info", "EMPTY": "", "bad name": "x"}}}
                """));
        assertEquals(Optional.of("python"), s.command());
        assertEquals(List.of("-m", "notes", "8080"), s.args());
        assertEquals(List.of("NOTES_API_KEY", "LOG_LEVEL", "EMPTY"), s.env().stream().map(EnvVar::name).toList());
        EnvVar key = variable(s, "NOTES_API_KEY");
        assertTrue(key.required() && key.secret());
        assertEquals(Optional.of("info"), variable(s, "LOG_LEVEL").defaultValue());
        assertEquals(Optional.empty(), variable(s, "EMPTY").defaultValue());
        assertEquals(1, s.warnings().size());
    }

    @Test
    void anHttpStartIsReadAndAnUnknownTypeIsIgnored() throws Exception {
        SmitheryYaml http = read(JSON.readTree("{\"startCommand\": {\"type\": \"http\"}}"));
        assertEquals(Optional.of("http"), http.startType());
        assertEquals(List.of(), http.env());
        SmitheryYaml odd = read(JSON.readTree("{\"startCommand\": {\"type\": \"carrier-pigeon\"}}"));
        assertEquals(Optional.empty(), odd.startType());
        assertEquals(1, odd.warnings().size());
    }

    @Test
    void withoutAStartCommandOrAnObjectRootItIsUnreadable() throws Exception {
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class, SmitheryYaml.of(JSON.readTree("{\"build\": {}}")));
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class,
                SmitheryYaml.of(JSON.readTree("{\"startCommand\": \"node index.js\"}")));
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class, SmitheryYaml.of(JSON.readTree("[1]")));
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class, SmitheryYaml.of(JSON.readTree("\"startCommand\"")));
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class, SmitheryYaml.of(MissingNode.getInstance()));
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class, SmitheryYaml.of(null));
    }
}
