package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code smithery.yaml} (read into a tree) says about starting a server: the start type ({@code stdio} or
 * {@code http}), the command and its literal arguments, and the environment variables it maps from its
 * {@code configSchema}, with their descriptions, defaults, choices and whether the schema requires them. The
 * {@code commandFunction} is JavaScript and is never run (see {@link CommandFunction}); the older form without one
 * gives {@code command}, {@code args} and {@code env} as YAML. A declaration, so its answers rank high
 * ({@link Source#SMITHERY}). Bounded; never throws on a bad tree; what it skips is said in {@link #warnings}.
 * Immutable.
 */
public record SmitheryYaml(Optional<String> startType, Optional<String> command, List<String> args,
                           List<EnvVar> env, List<String> warnings) {

    /** The start types a server may declare. */
    public static final List<String> START_TYPES = List.of("stdio", "http");
    private static final int MAX_VARIABLES = 100;
    private static final int MAX_ARGS = 30;

    public SmitheryYaml {
        Objects.requireNonNull(startType, "startType");
        Objects.requireNonNull(command, "command");
        args = List.copyOf(args);
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

    /** Reads a {@code smithery.yaml}'s tree; {@code root} may be null or not an object (then it is unreadable). */
    public static Parsed of(JsonNode root) {
        JsonNode start = root == null || !root.isObject() ? null : root.get("startCommand");
        if (start == null || !start.isObject()) {
            return new Parsed.Unreadable("smithery.yaml has no startCommand");
        }
        List<String> warnings = new ArrayList<>();
        Optional<String> type = ManifestJson.text(start.get("type")).map(t -> t.toLowerCase(Locale.ROOT));
        if (type.isPresent() && !START_TYPES.contains(type.get())) {
            warnings.add("its start type '" + type.get() + "' is neither stdio nor http; it was ignored");
            type = Optional.empty();
        }
        JsonNode function = start.get("commandFunction");
        CommandFunction.Reading reading;
        if (function != null && function.isTextual()) {
            reading = CommandFunction.read(function.asText(), MAX_VARIABLES);
        } else {
            if (function != null && !function.isNull()) {
                warnings.add("its commandFunction is not text; it was not read");
            }
            reading = withoutFunction(start);
        }
        warnings.addAll(reading.warnings());
        JsonNode schema = start.path("configSchema");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> {
            if (r.isTextual()) {
                required.add(r.asText());
            }
        });
        List<EnvVar> env = new ArrayList<>();
        for (CommandFunction.Mapping m : reading.env()) {
            if (EnvVar.isName(m.name())) {
                env.add(variable(m, schema.path("properties"), required));
            } else {
                warnings.add("it sets a variable whose name is not one ('" + ManifestJson.bounded(m.name())
                        + "'); it was skipped");
            }
        }
        return new Parsed.Read(new SmitheryYaml(type, reading.command(), reading.args(), env, warnings));
    }

    /** The older form: {@code command}, {@code args} and an {@code env} object as YAML values. */
    private static CommandFunction.Reading withoutFunction(JsonNode start) {
        List<String> warnings = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (JsonNode arg : start.path("args").isArray() ? start.path("args") : List.<JsonNode>of()) {
            if (args.size() == MAX_ARGS) {
                break;
            }
            if (arg.isValueNode() && !arg.isNull()) {
                args.add(ManifestJson.bounded(arg.asText()));
            }
        }
        List<CommandFunction.Mapping> env = new ArrayList<>();
        JsonNode object = start.path("env");
        Iterator<Map.Entry<String, JsonNode>> entries = object.isObject() ? object.properties().iterator()
                : List.<Map.Entry<String, JsonNode>>of().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (env.size() == MAX_VARIABLES) {
                warnings.add("it sets more than " + MAX_VARIABLES + " variables; the rest were not read");
                break;
            }
            JsonNode value = entry.getValue();
            env.add(CommandFunction.Mapping.ofScalar(entry.getKey(),
                    value.isValueNode() && !value.isNull() ? ManifestJson.bounded(value.asText()) : ""));
        }
        return new CommandFunction.Reading(ManifestJson.text(start.get("command")), args, env, warnings);
    }

    /** One variable, described by the config property its value is read from (if any). */
    private static EnvVar variable(CommandFunction.Mapping m, JsonNode properties, Set<String> required) {
        JsonNode p = m.property().map(properties::path).orElse(MissingNode.getInstance());
        List<String> choices = new ArrayList<>();
        p.path("enum").forEach(c -> {
            if (c.isValueNode() && !c.isNull()) {
                choices.add(ManifestJson.bounded(c.asText()));
            }
        });
        String format = switch (p.path("type").asText("")) {
            case "number", "integer" -> "number";
            case "boolean" -> "boolean";
            case "string" -> "uri".equals(p.path("format").asText()) ? "url" : "text";
            default -> "text";
        };
        JsonNode d = p.get("default");
        Optional<String> defaultValue = d == null || !d.isValueNode() || d.isNull() ? m.literal()
                : Optional.of(ManifestJson.bounded(d.asText()));
        boolean isRequired = m.property().filter(required::contains).isPresent() && !m.fallsBack();
        boolean secret = EnvVar.looksSecret(m.name()) || m.property().filter(SmitheryYaml::secretProperty).isPresent();
        return new EnvVar(m.name(), ManifestJson.text(p.get("description")), isRequired, secret, defaultValue, format,
                choices, Source.SMITHERY);
    }

    /** Whether a config property's name reads like a credential, its camel case read as words. */
    static boolean secretProperty(String property) {
        String words = property.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replace('-', '_');
        return EnvVar.looksSecret(words);
    }
}
