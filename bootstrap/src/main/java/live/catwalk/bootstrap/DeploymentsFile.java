package live.catwalk.bootstrap;

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
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.mcp.domain.ServerCommand;
import live.catwalk.core.mcp.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException;

/**
 * Reads the deployments file ({@code CATWALK_DEPLOYMENTS_FILE}), reporting every problem at once with its
 * place in the file; never repeats a token or an env value.
 */
final class DeploymentsFile {

    static final String VARIABLE = ConfigVariable.DEPLOYMENTS_FILE.envName;
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FIELDS = Set.of("id", "command", "package", "env", "sessionMode", "token",
            "tokenSha256");
    private static final int MAX_VALUE_CHARS = 32 * 1024;
    /** Below Linux's limit of 128 KiB per argument; a Java class path can be long. */
    private static final int MAX_ARG_CHARS = 64 * 1024;
    private static final int MAX_ARGV_CHARS = 256 * 1024;
    private static final int MAX_ENV_CHARS = 256 * 1024;

    private final List<CatwalkException> problems = new ArrayList<>();

    private DeploymentsFile() {
    }

    static List<ConfiguredDeployment> read(Path file) {
        return new DeploymentsFile().parse(file);
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
        List<String> argv = node.has("package") == node.has("command")
                ? missingCommand(at) : node.has("package") ? packageCommand(at + ".package", node.get("package"))
                : command(at + ".command", node.get("command"));
        Map<String, String> env = env(at + ".env", node.path("env"));
        SessionMode mode = mode(at + ".sessionMode", node.path("sessionMode").asText("shared"));
        byte[] token = token(at, node);
        return problems.size() > before ? null : new ConfiguredDeployment(id,
                new ServerCommand(argv, env).in(new ServerCommand.Workspace("file", "file-" + id)), mode, token);
    }

    private List<String> command(String at, JsonNode node) {
        List<String> argv = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 64) {
            problem(at, "must be a list of 1 to 64 strings: the program and its arguments",
                    "e.g. [\"npx\", \"-y\", \"@modelcontextprotocol/server-everything@2026.8.31\"]");
            return argv;
        }
        node.forEach(arg -> argv.add(arg.isTextual() ? arg.asText() : ""));
        if (argv.stream().anyMatch(a -> a.isEmpty() || a.length() > MAX_ARG_CHARS || a.indexOf('\0') >= 0)) {
            problem(at, "must contain only non-empty strings of at most " + MAX_ARG_CHARS + " characters", null);
        } else if (argv.stream().mapToInt(String::length).sum() > MAX_ARGV_CHARS) {
            problem(at, "is longer than " + MAX_ARGV_CHARS + " characters in all", null);
        }
        return argv;
    }

    private List<String> missingCommand(String at) {
        problem(at, "needs exactly one of \"command\" (an argv) and \"package\" (an npm or PyPI package)",
                "e.g. \"package\": {\"registry\": \"npm\", \"name\": \"@modelcontextprotocol/server-everything\", "
                        + "\"version\": \"2026.8.31\"}");
        return List.of();
    }

    private List<String> packageCommand(String at, JsonNode node) {
        PackageRef.Registry registry = switch (node.path("registry").asText("")) {
            case "npm" -> PackageRef.Registry.NPM;
            case "pypi" -> PackageRef.Registry.PYPI;
            default -> null;
        };
        if (registry == null) {
            problem(at + ".registry", "must be \"npm\" or \"pypi\"", null);
            return List.of();
        }
        String name = node.path("name").asText("");
        Optional<String> version = node.hasNonNull("version") ? Optional.of(node.get("version").asText()) : Optional.empty();
        Optional<String> wrong = PackageRef.problem(registry, name, version);
        if (wrong.isPresent()) {
            problem(at, wrong.get(), null);
            return List.of();
        }
        return new PackageRef(registry, name, version).command();
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
        long total = 0;
        for (var field : node.properties()) {
            EnvVarName.problem(field.getKey()).ifPresent(p -> problem(at + "." + field.getKey(), p, null));
            if (!field.getValue().isTextual() || field.getValue().asText().length() > MAX_VALUE_CHARS) {
                problem(at + "." + field.getKey(), "must be a string of at most " + MAX_VALUE_CHARS + " characters", null);
                continue;
            }
            total += field.getValue().asText().length();
            env.put(field.getKey(), field.getValue().asText());
        }
        if (total > MAX_ENV_CHARS) {
            problem(at, "holds more than " + MAX_ENV_CHARS + " characters of values", null);
        }
        return env;
    }

    private SessionMode mode(String at, String value) {
        return switch (value) {
            case "shared" -> SessionMode.SHARED;
            case "isolated" -> SessionMode.ISOLATED;
            default -> {
                problem(at, "must be \"shared\" or \"isolated\"", null);
                yield SessionMode.SHARED;
            }
        };
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

    static byte[] sha256(String text) {
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
