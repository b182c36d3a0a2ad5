package live.catwalk.bootstrap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * What {@code catwalk runner} reads from its environment (the runner protocol): the deployment it serves
 * ({@code CATWALK_RUNNER_SPEC}), the secret every request must carry ({@code CATWALK_RUNNER_SECRET}) and where it
 * listens ({@code CATWALK_RUNNER_BIND}); and the MCP limits as {@code catwalk serve} reads them ({@code CATWALK_MAX_BATCH},
 * {@code CATWALK_MAX_INFLIGHT_PER_SESSION}, …), which the gateway passes on to its machines. {@link #toString()} shows
 * neither the secret nor the variables' values.
 */
public record RunnerSettings(DeploymentId deployment, List<String> argv, Map<String, String> env,
                             SessionMode sessionMode, String secret, String host, int port, GatewayLimits limits) {

    public static final String SPEC = "CATWALK_RUNNER_SPEC";
    public static final String SECRET = "CATWALK_RUNNER_SECRET";
    public static final String BIND = "CATWALK_RUNNER_BIND";
    public static final String DEFAULT_BIND = "0.0.0.0:8080";

    private static final Pattern SECRET_FORM = Pattern.compile("[A-Za-z0-9]{32,256}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunnerSettings {
        Objects.requireNonNull(deployment, "deployment");
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(sessionMode, "sessionMode");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads the runner's variables and the limits; throws {@link ConfigException} listing every bad or missing one, each problem
     * naming its variable and never quoting a value (the spec holds the deployment's secrets).
     */
    public static RunnerSettings fromEnvironment(Map<String, String> environment) {
        List<CatwalkException> problems = new ArrayList<>();
        Spec spec = spec(environment.get(SPEC), problems);
        String secret = environment.get(SECRET);
        if (secret == null || secret.isEmpty()) {
            problems.add(problem(SECRET, "Missing", "Set it to the runner secret the gateway derived for this machine"));
        } else if (!SECRET_FORM.matcher(secret).matches()) {
            problems.add(problem(SECRET, "Not a runner secret (" + secret.length() + " characters)",
                    "Expected 32 to 256 letters or digits"));
        }
        String bind = environment.getOrDefault(BIND, DEFAULT_BIND);
        int colon = bind.lastIndexOf(':');
        String host = colon > 0 ? bind.substring(0, colon) : "";
        int port = colon > 0 ? port(bind.substring(colon + 1)) : -1;
        if (!HOST.matcher(host).matches() || port < 0) {
            problems.add(problem(BIND, "Not a host:port", "Expected e.g. " + DEFAULT_BIND
                    + " or [::]:8080; port 0 picks a free port"));
        }
        CatwalkConfig.Reader limitsReader = new CatwalkConfig.Reader(environment);
        GatewayLimits limits = McpLimits.read(limitsReader);
        problems.addAll(limitsReader.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new RunnerSettings(spec.deployment(), spec.argv(), spec.env(), spec.mode(), secret, bare, port, limits);
    }

    private record Spec(DeploymentId deployment, List<String> argv, Map<String, String> env, SessionMode mode) {
    }

    private static Spec spec(String encoded, List<CatwalkException> problems) {
        if (encoded == null || encoded.isBlank()) {
            problems.add(problem(SPEC, "Missing", "Set it to the deployment's spec: base64url of its JSON"));
            return null;
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded.strip());
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            problems.add(problem(SPEC, "Not base64url-encoded UTF-8", "Expected base64url (no padding) of UTF-8 JSON"));
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            root = null; // the parser's message may quote the text: it is not passed on
        }
        if (root == null || !root.isObject()) {
            problems.add(problem(SPEC, "Not a JSON object", "Expected {\"deployment\":…,\"argv\":[…],\"env\":{…},"
                    + "\"sessionMode\":\"shared\"|\"isolated\"}"));
            return null;
        }
        int before = problems.size();
        DeploymentId deployment = DeploymentId.parse(root.path("deployment").isTextual()
                ? root.path("deployment").asText() : null).orElse(null);
        if (deployment == null) {
            problems.add(problem(SPEC, "'deployment' is missing or not a deployment id",
                    "Expected 1-64 letters, digits, _ or -, starting with a letter or digit"));
        }
        List<String> argv = new ArrayList<>();
        root.path("argv").forEach(a -> argv.add(a.isTextual() ? a.asText() : null));
        if (!root.path("argv").isArray() || argv.isEmpty() || argv.contains(null) || argv.getFirst().isBlank()) {
            problems.add(problem(SPEC, "'argv' is missing or not a list of strings starting with a program",
                    "Expected e.g. [\"npx\",\"-y\",\"@scope/pkg@1.2.3\"]"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode vars = root.path("env");
        if (!vars.isMissingNode() && !vars.isNull() && !vars.isObject()) {
            problems.add(problem(SPEC, "'env' is not an object", "Expected {\"NAME\":\"value\"}"));
        }
        vars.properties().forEach(e -> env.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null));
        if (env.containsValue(null) || !env.keySet().stream().allMatch(n -> ENV_NAME.matcher(n).matches())) {
            problems.add(problem(SPEC, "'env' has a name that is not a variable name, or a value that is not a string",
                    "Names are letters, digits and _, not starting with a digit; values are strings"));
        }
        SessionMode mode = switch (root.path("sessionMode").asText("shared")) {
            case "shared" -> SessionMode.SHARED;
            case "isolated" -> SessionMode.ISOLATED;
            default -> {
                problems.add(problem(SPEC, "'sessionMode' is neither shared nor isolated", "Leave it out for shared"));
                yield null;
            }
        };
        return problems.size() > before ? null : new Spec(deployment, argv, env, mode);
    }

    private static int port(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65_535 ? port : -1;
    }

    private static CatwalkException problem(String variable, String message, String hint) {
        return CatwalkException.invalidInput(variable, message, hint);
    }

    /** The deployment, the program and where it listens; the names of the variables, never values or the secret. */
    @Override
    public String toString() {
        return "RunnerSettings[" + deployment + ", " + argv.getFirst() + " with " + (argv.size() - 1) + " arguments, env="
                + env.keySet().stream().sorted().toList() + ", " + sessionMode.name().toLowerCase(java.util.Locale.ROOT)
                + ", " + host + ":" + port + "]";
    }
}
