package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code smithery.yaml} (read into a tree) says about starting a server: the start type ({@code stdio} or
 * {@code http}) and the environment variables its {@code commandFunction} maps from its {@code configSchema}, with
 * their descriptions, defaults, choices and whether the schema requires them. The function is JavaScript and is
 * never run: its {@code env: {NAME: config.prop, …}} object is read with bounded patterns. A declaration, so its
 * answers rank high ({@link Source#SMITHERY}). Immutable.
 */
public record SmitheryYaml(Optional<String> startType, List<EnvVar> env, List<String> warnings) {

    private static final int MAX_FUNCTION = 16 * 1024;
    private static final int MAX_VARIABLES = 100;
    private static final Pattern ENV_OBJECT = Pattern.compile("\\benv\\s*:\\s*\\{([^{}]{0,8000})\\}");
    private static final Pattern ENTRY = Pattern.compile(
            "['\"]?([A-Za-z_][A-Za-z0-9_]{0,99})['\"]?\\s*:\\s*([^,]{1,300})");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("\\bconfig\\s*(?:\\?\\.|\\.)\\s*([A-Za-z_$][\\w$]*)"
            + "|\\bconfig\\s*\\[\\s*['\"]([^'\"]{1,100})['\"]\\s*\\]");
    private static final Pattern FALLBACK = Pattern.compile("\\|\\||\\?\\?|\\?\\s*[^.]");
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i)(api_?key|token|secret|password|credential)");

    public SmitheryYaml {
        Objects.requireNonNull(startType, "startType");
        env = List.copyOf(env);
        warnings = List.copyOf(warnings);
    }

    /** The file read, or why it cannot be. */
    public sealed interface Parsed {
        /** A {@code smithery.yaml} with a start command. */
        record Read(SmitheryYaml smitheryYaml) implements Parsed {
        }

        /** Not one Catwalk can read; {@code problem} says why, for a warning. */
        record Unreadable(String problem) implements Parsed {
        }
    }

    /** Reads a {@code smithery.yaml}'s tree. */
    public static Parsed of(JsonNode root) {
        JsonNode start = root == null ? null : root.get("startCommand");
        if (start == null || !start.isObject()) {
            return new Parsed.Unreadable("smithery.yaml has no startCommand");
        }
        Optional<String> type = ManifestJson.text(start.get("type"));
        JsonNode schema = start.path("configSchema");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> warnings = new ArrayList<>();
        List<EnvVar> env = new ArrayList<>();
        String function = start.path("commandFunction").asText("");
        if (function.length() > MAX_FUNCTION) {
            function = function.substring(0, MAX_FUNCTION);
            warnings.add("its commandFunction is longer than " + MAX_FUNCTION + " characters; the rest was not read");
        }
        Matcher object = ENV_OBJECT.matcher(function);
        if (object.find()) {
            Matcher entry = ENTRY.matcher(object.group(1));
            while (entry.find() && env.size() < MAX_VARIABLES) {
                env.add(variable(entry.group(1), entry.group(2).strip(), schema.path("properties"), required));
            }
        }
        return new Parsed.Read(new SmitheryYaml(type, env, warnings));
    }

    /** One {@code NAME: expression} of the env object, described by the config property the expression reads. */
    private static EnvVar variable(String name, String expression, JsonNode properties, Set<String> required) {
        Matcher read = CONFIG_PROPERTY.matcher(expression);
        if (!read.find()) {
            String literal = expression.replaceAll("^['\"`]|['\"`]$", "");
            return new EnvVar(name, Optional.empty(), false, EnvVar.looksSecret(name),
                    Optional.of(literal).filter(l -> !l.isEmpty()), "text", List.of(), Source.SMITHERY);
        }
        String property = read.group(1) != null ? read.group(1) : read.group(2);
        JsonNode p = properties.path(property);
        List<String> choices = new ArrayList<>();
        p.path("enum").forEach(c -> choices.add(ManifestJson.bounded(c.asText())));
        String format = switch (p.path("type").asText("string")) {
            case "number", "integer" -> "number";
            case "boolean" -> "boolean";
            default -> "uri".equals(p.path("format").asText()) ? "url" : "text";
        };
        boolean fallsBack = FALLBACK.matcher(expression.substring(read.end())).find();
        JsonNode d = p.get("default");
        Optional<String> defaultValue = d == null || d.isNull() || d.isContainerNode() ? Optional.empty()
                : Optional.of(ManifestJson.bounded(d.asText()));
        return new EnvVar(name, ManifestJson.text(p.get("description")), required.contains(property) && !fallsBack,
                EnvVar.looksSecret(name) || SECRET_PROPERTY.matcher(property).find(), defaultValue, format, choices,
                Source.SMITHERY);
    }
}
