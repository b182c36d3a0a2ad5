package live.catwalk.bootstrap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.deployment.port.in.CheckConfiguredDeployment;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;
import live.catwalk.core.deployment.usecase.CheckConfiguredDeploymentService;
import live.catwalk.core.shared.CatwalkException;

/**
 * Reads the deployments file ({@code CATWALK_DEPLOYMENTS_FILE}), reporting every problem at once with its
 * place in the file; never repeats a token or an env value. The file's own parts (its form, ids, tokens) are
 * checked here; each deployment's launch, variables and session mode by core's rules, the API's.
 */
public final class DeploymentsFile {

    static final String VARIABLE = ConfigVariable.DEPLOYMENTS_FILE.envName;
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FIELDS = Set.of("id", "command", "package", "env", "sessionMode", "token",
            "tokenSha256");
    private static final Set<String> PACKAGE_FIELDS = Set.of("registry", "name", "version", "args");
    private static final String PACKAGE_EXAMPLE = "e.g. \"package\": {\"registry\": \"npm\", \"name\": "
            + "\"@modelcontextprotocol/server-filesystem\", \"version\": \"2026.1.14\", \"args\": [\"/data\"]}";

    private final List<CatwalkException> problems = new ArrayList<>();
    private final CheckConfiguredDeployment rules;

    private DeploymentsFile(CheckConfiguredDeployment rules) {
        this.rules = rules;
    }

    /** The file's deployments, each checked by core's rules (as the API checks a create); packages not yet pinned. */
    public static List<ConfiguredDeployment> read(Path file) {
        return new DeploymentsFile(new CheckConfiguredDeploymentService()).parse(file);
    }

    private List<ConfiguredDeployment> parse(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw failure("the file is larger than 1 MiB", "Keep one entry per deployment.");
            }
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw failure("the file " + file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")",
                    "See the README for its form.");
        } catch (IOException e) {
            throw failure("the file " + file + " cannot be read: " + e.getMessage(), null);
        }
        JsonNode list = root == null ? null : root.get("deployments");
        if (list == null || !list.isArray()) {
            throw failure("the file needs an object with a \"deployments\" array", "See the README for its form.");
        }
        List<ConfiguredDeployment> deployments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String id = list.get(i).path("id").asText("");
            if (!id.isEmpty() && !ids.add(id)) {
                problem("deployments[" + i + "].id", "'" + id + "' is used twice", "Give each deployment its own id.");
            }
            ConfiguredDeployment d = deployment("deployments[" + i + "]", list.get(i));
            if (d != null) {
                deployments.add(d);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return deployments;
    }

    private ConfiguredDeployment deployment(String at, JsonNode node) {
        if (!node.isObject()) {
            problem(at, "must be an object", null);
            return null;
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problem(at + "." + f, "is not a known field", "Known fields: " + String.join(", ", FIELDS.stream().sorted().toList()) + ".");
            }
        });
        String id = node.path("id").asText("");
        if (!ID.matcher(id).matches()) {
            problem(at + ".id", "must be 1-63 lower-case letters, digits and dashes", "e.g. \"everything\"");
        }
        int beforeLaunch = problems.size();
        Optional<PackageRequest> pkg = node.has("package") ? packageRequest(at + ".package", node.get("package"))
                : Optional.empty();
        Optional<List<String>> command = node.has("command") ? strings(at + ".command", node.get("command"),
                "the program and its arguments", "e.g. [\"python3\", \"-m\", \"server\"]") : Optional.empty();
        boolean launchUnreadable = problems.size() > beforeLaunch;
        Map<String, String> env = env(at + ".env", node.path("env"));
        Optional<String> mode = node.hasNonNull("sessionMode") ? Optional.of(node.get("sessionMode").asText())
                : Optional.empty();
        byte[] token = token(at, node);
        // The same rules as POST /api/deployments, in core; its problems are placed in the file. The id was checked
        // above by the file's stricter rule, and a launch already reported unreadable is not reported again as missing.
        var result = rules.check(new CheckConfiguredDeployment.Command(id, pkg, command, env, mode));
        if (result instanceof CheckConfiguredDeployment.Result.Rejected rejected) {
            rejected.problems().stream()
                    .filter(p -> !p.field().equals("id"))
                    .filter(p -> !(launchUnreadable && (p.field().equals("package") || p.field().equals("command"))))
                    .forEach(p -> problem(at + "." + p.field(), p.message(), p.hint().orElse(null)));
        }
        if (problems.size() > before || !(result instanceof CheckConfiguredDeployment.Result.Checked checked)) {
            return null;
        }
        return new ConfiguredDeployment(id, checked.spec(), env, token);
    }

    private Optional<PackageRequest> packageRequest(String at, JsonNode node) {
        if (!node.isObject()) {
            problem(at, "must be an object {registry, name, version?, args?}", PACKAGE_EXAMPLE);
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!PACKAGE_FIELDS.contains(f)) {
                problem(at + "." + f, "is not a known field", "Known fields: registry, name, version, args.");
            }
        });
        for (String field : List.of("registry", "name")) {
            if (!node.path(field).isTextual()) {
                problem(at + "." + field, "is required (a string)", PACKAGE_EXAMPLE);
            }
        }
        if (node.has("version") && !node.get("version").isTextual() && !node.get("version").isNull()) {
            problem(at + ".version", "must be a string", "e.g. \"2026.8.31\", or leave it out for the latest");
        }
        Optional<List<String>> args = node.has("args") ? strings(at + ".args", node.get("args"),
                "the arguments the server gets after the package", "e.g. [\"/data\"]") : Optional.of(List.of());
        if (!node.path("registry").isTextual() || !node.path("name").isTextual() || args.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PackageRequest(node.get("registry").asText(), node.get("name").asText(),
                Optional.ofNullable(node.get("version")).filter(JsonNode::isTextual).map(JsonNode::asText), args.get()));
    }

    /** A JSON list of strings; an element that is not a string is kept as null, for core to name by its index. */
    private Optional<List<String>> strings(String at, JsonNode node, String what, String example) {
        if (!node.isArray()) {
            problem(at, "must be a list of strings: " + what, example);
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.isTextual() ? v.asText() : null));
        return Optional.of(values);
    }

    private Map<String, String> env(String at, JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return env;
        }
        if (!node.isObject()) {
            problem(at, "must be an object of NAME: value", null);
            return env;
        }
        for (var field : node.properties()) {
            if (!field.getValue().isTextual()) {
                problem(at + "." + field.getKey(), "must be a string", null);
                continue;
            }
            env.put(field.getKey(), field.getValue().asText());
        }
        return env;
    }

    private byte[] token(String at, JsonNode node) {
        JsonNode token = node.get("token");
        JsonNode hash = node.get("tokenSha256");
        if ((token == null) == (hash == null)) {
            problem(at, "needs exactly one of \"token\" and \"tokenSha256\"",
                    "Generate a token with e.g. 'openssl rand -base64 32'; tokenSha256 is its SHA-256 in hex.");
            return new byte[0];
        }
        if (hash != null) {
            if (!hash.isTextual() || !SHA256.matcher(hash.asText()).matches()) {
                problem(at + ".tokenSha256", "must be 64 hexadecimal characters", null);
                return new byte[0];
            }
            return HexFormat.of().parseHex(hash.asText().toLowerCase(Locale.ROOT));
        }
        if (!token.isTextual() || token.asText().length() < 16 || token.asText().length() > 512) {
            problem(at + ".token", "must be a string of 16 to 512 characters", "Use a long random token.");
            return new byte[0];
        }
        return sha256(token.asText());
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void problem(String at, String message, String hint) {
        problems.add(CatwalkException.invalidInput(VARIABLE, at + " " + message, hint));
    }

    private ConfigException failure(String message, String hint) {
        problems.add(CatwalkException.invalidInput(VARIABLE, message, hint));
        return new ConfigException(problems);
    }
}
