package live.catwalk.adapters.llm.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * A chat completion's content checked against {@link Prompt#schema()} by hand: the right properties of the right
 * types and values, or no answer. A variable whose name is not one is dropped, not the whole answer.
 */
final class AnswerReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Set<String> FIELDS = Set.of("isMcpServer", "package", "env", "requiredArgs");

    private AnswerReader() {
    }

    /** The answer in a chat-completions response, or empty when it is not a valid one. */
    static Optional<ModelAnswer> read(JsonNode response, String configuredModel) {
        JsonNode choice = response.path("choices").path(0);
        if ("length".equals(choice.path("finish_reason").asText())) {
            return Optional.empty();
        }
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode a = JSON.readTree(unfenced(content.asText()));
            if (a == null || !a.isObject() || !FIELDS.containsAll(iterable(a)) || !iterable(a).containsAll(FIELDS)) {
                return Optional.empty();
            }
            Optional<Boolean> mcp = nullableBoolean(a.get("isMcpServer"));
            Optional<ModelAnswer.PackageGuess> pkg = pkg(a.get("package"));
            List<ModelAnswer.EnvGuess> env = env(a.get("env"));
            List<String> args = new ArrayList<>();
            if (!a.get("requiredArgs").isArray()) {
                return Optional.empty();
            }
            for (JsonNode arg : a.get("requiredArgs")) {
                if (!arg.isTextual()) {
                    return Optional.empty();
                }
                args.add(arg.asText());
            }
            String model = response.path("model").asText("");
            return Optional.of(new ModelAnswer(model.isBlank() ? configuredModel : model, mcp, pkg, env, args));
        } catch (Invalid | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String unfenced(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = t.substring(t.indexOf('\n') + 1);
            int end = t.lastIndexOf("```");
            t = end >= 0 ? t.substring(0, end) : t;
        }
        return t;
    }

    private static Optional<Boolean> nullableBoolean(JsonNode v) {
        if (v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new Invalid();
        }
        return Optional.of(v.asBoolean());
    }

    private static Optional<ModelAnswer.PackageGuess> pkg(JsonNode p) {
        if (p.isNull()) {
            return Optional.empty();
        }
        if (!p.isObject() || !p.path("name").isTextual() || p.path("name").asText().isBlank()) {
            throw new Invalid();
        }
        Registry registry = switch (p.path("registry").asText("")) {
            case "npm" -> Registry.NPM;
            case "pypi" -> Registry.PYPI;
            default -> throw new Invalid();
        };
        return Optional.of(new ModelAnswer.PackageGuess(registry, p.path("name").asText()));
    }

    private static List<ModelAnswer.EnvGuess> env(JsonNode list) {
        if (!list.isArray()) {
            throw new Invalid();
        }
        List<ModelAnswer.EnvGuess> env = new ArrayList<>();
        for (JsonNode v : list) {
            JsonNode d = v.path("description");
            if (!v.path("name").isTextual() || !v.path("required").isBoolean() || !v.path("secret").isBoolean()
                    || !(d.isTextual() || d.isNull() || d.isMissingNode())) {
                throw new Invalid();
            }
            if (VARIABLE.matcher(v.path("name").asText()).matches() && env.size() < ModelAnswer.MAX_ITEMS) {
                env.add(new ModelAnswer.EnvGuess(v.path("name").asText(),
                        d.isTextual() ? Optional.of(d.asText()) : Optional.empty(), v.path("required").asBoolean(),
                        v.path("secret").asBoolean()));
            }
        }
        return env;
    }

    private static Set<String> iterable(JsonNode object) {
        Set<String> names = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The answer does not follow the schema. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }
}
