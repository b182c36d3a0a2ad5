package live.catwalk.adapters.llm.openrouter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelAnswer.EnvGuess;
import live.catwalk.core.analysis.domain.ModelAnswer.PackageGuess;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * The answer's JSON schema, in the form strict structured outputs accept (every object closed, every property
 * required, unknowns as {@code null} through type arrays), and the same schema checked by hand on what came back:
 * a model or provider that ignores {@code strict} must not get a wrong shape past us. A variable whose name is not
 * a variable name is dropped rather than failing the whole answer: the rest may still be right, and every name is
 * checked against the repository's files later anyway.
 */
final class AnswerSchema {

    static final String NAME = "catwalk_repository_analysis";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Set<String> ANSWER = Set.of("isMcpServer", "package", "env", "requiredArgs");
    private static final Set<String> PACKAGE = Set.of("registry", "name");
    private static final Set<String> VARIABLE_FIELDS = Set.of("name", "description", "required", "secret");
    private static final ObjectNode SCHEMA = schema();

    private AnswerSchema() {
    }

    /** The schema sent with every question (a copy: the caller may embed it). */
    static ObjectNode json() {
        return SCHEMA.deepCopy();
    }

    /** {@code content} as an answer by {@code model}, or empty when it is not JSON following the schema. */
    static Optional<ModelAnswer> read(String content, String model) {
        try {
            return Optional.of(answer(JSON.readTree(content), model));
        } catch (JacksonException | Invalid e) {
            return Optional.empty();
        }
    }

    private static ModelAnswer answer(JsonNode a, String model) {
        closed(a, ANSWER);
        JsonNode mcp = a.get("isMcpServer");
        Optional<Boolean> isMcpServer = mcp.isNull() ? Optional.empty() : Optional.of(bool(mcp));
        JsonNode p = a.get("package");
        Optional<PackageGuess> pkg = p.isNull() ? Optional.empty() : Optional.of(pkg(p));
        return new ModelAnswer(model, isMcpServer, pkg, env(array(a.get("env"))), args(array(a.get("requiredArgs"))));
    }

    private static PackageGuess pkg(JsonNode p) {
        closed(p, PACKAGE);
        Registry registry = switch (text(p.get("registry"))) {
            case "npm" -> Registry.NPM;
            case "pypi" -> Registry.PYPI;
            default -> throw new Invalid();
        };
        String name = text(p.get("name"));
        if (name.isBlank()) {
            throw new Invalid();
        }
        return new PackageGuess(registry, name);
    }

    private static List<EnvGuess> env(JsonNode list) {
        List<EnvGuess> env = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode v : list) {
            closed(v, VARIABLE_FIELDS);
            String name = text(v.get("name"));
            JsonNode d = v.get("description");
            Optional<String> description = d.isNull() ? Optional.empty() : Optional.of(text(d));
            EnvGuess guess = new EnvGuess(name, description, bool(v.get("required")), bool(v.get("secret")));
            if (VARIABLE.matcher(name).matches() && seen.add(name) && env.size() < ModelAnswer.MAX_ITEMS) {
                env.add(guess);
            }
        }
        return env;
    }

    private static List<String> args(JsonNode list) {
        List<String> args = new ArrayList<>();
        for (JsonNode arg : list) {
            args.add(text(arg));
        }
        return args;
    }

    /** An object with exactly {@code names} (duplicates are refused by the parser, so the count suffices). */
    private static void closed(JsonNode node, Set<String> names) {
        if (node == null || !node.isObject() || node.size() != names.size() || !names.stream().allMatch(node::has)) {
            throw new Invalid();
        }
    }

    private static JsonNode array(JsonNode node) {
        if (!node.isArray()) {
            throw new Invalid();
        }
        return node;
    }

    private static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw new Invalid();
        }
        return node.booleanValue();
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new Invalid();
        }
        return node.textValue();
    }

    private static ObjectNode schema() {
        ObjectNode pkg = closedObject(JSON.createArrayNode().add("object").add("null"));
        ObjectNode pkgProps = properties(pkg);
        pkgProps.putObject("registry").put("type", "string").putArray("enum").add("npm").add("pypi");
        pkgProps.putObject("name").put("type", "string");
        pkg.putArray("required").add("registry").add("name");

        ObjectNode variable = closedObject(JSON.getNodeFactory().textNode("object"));
        ObjectNode vars = properties(variable);
        vars.putObject("name").put("type", "string");
        vars.putObject("description").putArray("type").add("string").add("null");
        vars.putObject("required").put("type", "boolean");
        vars.putObject("secret").put("type", "boolean");
        variable.putArray("required").add("name").add("description").add("required").add("secret");

        ObjectNode schema = closedObject(JSON.getNodeFactory().textNode("object"));
        ObjectNode props = properties(schema);
        props.putObject("isMcpServer").putArray("type").add("boolean").add("null");
        props.set("package", pkg);
        props.putObject("env").put("type", "array").set("items", variable);
        props.putObject("requiredArgs").put("type", "array").putObject("items").put("type", "string");
        schema.putArray("required").add("isMcpServer").add("package").add("env").add("requiredArgs");
        return schema;
    }

    /** {@code {"type": type, "additionalProperties": false, "properties": {}}}, its properties to be filled. */
    private static ObjectNode closedObject(JsonNode type) {
        ObjectNode node = JSON.createObjectNode();
        node.set("type", type);
        node.put("additionalProperties", false);
        node.putObject("properties");
        return node;
    }

    private static ObjectNode properties(ObjectNode object) {
        return (ObjectNode) object.get("properties");
    }

    /** The answer does not follow the schema; thrown without a stack trace, caught in {@link #read}. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }
}
