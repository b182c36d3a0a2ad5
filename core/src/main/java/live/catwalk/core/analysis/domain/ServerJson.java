package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * What a {@code server.json} (the MCP registry's description of a server) declares: the packages that run the
 * server over stdio from npm or PyPI, with their environment variables and arguments, and which other packages or
 * remotes it names. A declaration, so its answers rank first ({@link Source#SERVER_JSON}). Fields are read in the
 * current schemas' camel case and in the snake case of the 2025-07 schemas. Entries Catwalk cannot use are skipped
 * and said in {@link #warnings}. Immutable.
 */
public record ServerJson(Optional<String> name, Optional<String> description, Optional<String> title,
                         Optional<String> version, Optional<String> repositoryUrl, List<StdioPackage> packages,
                         List<String> otherPackages, boolean hasRemotes, List<String> warnings) {

    /** The longest {@code server.json} read. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_PACKAGES = 20;
    private static final int MAX_VARIABLES = 100;
    private static final int MAX_ARGUMENTS = 30;

    public ServerJson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(repositoryUrl, "repositoryUrl");
        packages = List.copyOf(packages);
        otherPackages = List.copyOf(otherPackages);
        warnings = List.copyOf(warnings);
    }

    /** An npm or PyPI package that runs the server over stdio. */
    public record StdioPackage(Registry registry, String identifier, Optional<String> version, List<EnvVar> env,
                               List<Argument> arguments) {

        public StdioPackage {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(version, "version");
            env = List.copyOf(env);
            arguments = List.copyOf(arguments);
        }

        /** The arguments that must follow the package, in order. */
        public List<Argument> requiredArguments() {
            return arguments.stream().filter(Argument::required).toList();
        }

        /** The values a person must give for the required arguments, as placeholders in the command. */
        public List<Analysis.Argument> requiredPlaceholders() {
            List<Analysis.Argument> args = new ArrayList<>();
            for (Argument a : requiredArguments()) {
                a.words().stream().filter(w -> w.startsWith("<")).forEach(w -> args.add(new Analysis.Argument(w,
                        Optional.of(a.named() ? "the value of " + a.name() : "a positional argument"),
                        Optional.empty(), Source.SERVER_JSON)));
            }
            return args;
        }
    }

    /**
     * A package argument: positional ({@code hint} is its value's hint, e.g. {@code allowed-directory}) or named
     * ({@code name} is the flag, e.g. {@code --port}), with a fixed value or default if declared.
     */
    public record Argument(boolean named, String name, Optional<String> value, boolean required) {

        public Argument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** As argv words: a placeholder {@code <hint>} where the user must give the value. */
        public List<String> words() {
            String v = value.orElse("<" + (named ? name.replaceFirst("^-+", "") : name) + ">");
            return named ? List.of(name, v) : List.of(v);
        }
    }

    /** The file read, or why it cannot be. */
    public sealed interface Parsed {

        record Read(ServerJson serverJson) implements Parsed {
        }

        /** Not a {@code server.json} Catwalk can read; {@code problem} says why, for a warning. */
        record Unreadable(String problem) implements Parsed {
        }
    }

    /** Reads a {@code server.json}'s text. */
    public static Parsed parse(String text) {
        JsonNode root;
        switch (ManifestJson.read("server.json", text, MAX_BYTES)) {
            case ManifestJson.Root.Read read -> root = read.object();
            case ManifestJson.Root.Unreadable unreadable -> {
                return new Parsed.Unreadable(unreadable.problem());
            }
        }
        List<String> warnings = new ArrayList<>();
        List<StdioPackage> packages = new ArrayList<>();
        List<String> others = new ArrayList<>();
        int seen = 0;
        for (JsonNode p : get(root, "packages")) {
            if (++seen > MAX_PACKAGES) {
                warnings.add("server.json lists more than " + MAX_PACKAGES + " packages; the rest were not read");
                break;
            }
            String type = text(p, "registryType").orElse("").toLowerCase(Locale.ROOT);
            Optional<String> identifier = text(p, "identifier");
            String transport = get(get(p, "transport"), "type").asText("stdio");
            Optional<Registry> registry = switch (type) {
                case "npm" -> Optional.of(Registry.NPM);
                case "pypi" -> Optional.of(Registry.PYPI);
                default -> Optional.empty();
            };
            if (registry.isEmpty() || identifier.isEmpty() || !transport.equals("stdio")) {
                others.add((type.isEmpty() ? "unknown" : type) + identifier.map(i -> ":" + i).orElse("")
                        + (transport.equals("stdio") ? "" : " (" + ManifestJson.bounded(transport) + ")"));
                continue;
            }
            packages.add(new StdioPackage(registry.get(), identifier.get(), text(p, "version"),
                    variables(get(p, "environmentVariables"), warnings), arguments(get(p, "packageArguments"))));
        }
        boolean remotes = get(root, "remotes").isArray() && !get(root, "remotes").isEmpty();
        return new Parsed.Read(new ServerJson(text(root, "name"), text(root, "description"), text(root, "title"),
                text(root, "version"), text(get(root, "repository"), "url"), packages, others, remotes, warnings));
    }

    private static List<EnvVar> variables(JsonNode list, List<String> warnings) {
        List<EnvVar> env = new ArrayList<>();
        for (JsonNode v : list) {
            if (env.size() == MAX_VARIABLES) {
                warnings.add("server.json declares more than " + MAX_VARIABLES + " variables; the rest were not read");
                break;
            }
            String name = get(v, "name").asText("");
            try {
                List<String> choices = new ArrayList<>();
                get(v, "choices").forEach(c -> choices.add(ManifestJson.bounded(c.asText())));
                String format = switch (get(v, "format").asText("string")) {
                    case "number" -> "number";
                    case "boolean" -> "boolean";
                    default -> "text";
                };
                env.add(new EnvVar(name, text(v, "description"), get(v, "isRequired").asBoolean(false),
                        get(v, "isSecret").asBoolean(false) || EnvVar.looksSecret(name),
                        text(v, "default").or(() -> text(v, "value")), format, choices, Source.SERVER_JSON));
            } catch (IllegalArgumentException badName) {
                warnings.add("server.json declares a variable whose name is not one ('" + ManifestJson.bounded(name)
                        + "'); it was skipped");
            }
        }
        return env;
    }

    private static List<Argument> arguments(JsonNode list) {
        List<Argument> arguments = new ArrayList<>();
        for (JsonNode a : list) {
            if (arguments.size() == MAX_ARGUMENTS) {
                break;
            }
            boolean named = get(a, "type").asText("positional").equals("named");
            Optional<String> label = named ? text(a, "name") : text(a, "valueHint").or(() -> text(a, "name"));
            label.ifPresent(l -> arguments.add(new Argument(named, l,
                    text(a, "value").or(() -> text(a, "default")), get(a, "isRequired").asBoolean(false))));
        }
        return arguments;
    }

    /**
     * A field by its name in the current schemas ({@code registryType}) or in the 2025-07 ones, which spelled
     * fields in snake case ({@code registry_type}); missing: a missing node.
     */
    private static JsonNode get(JsonNode node, String camelName) {
        JsonNode value = node.get(camelName);
        if (value == null) {
            value = node.get(camelName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
        }
        return value == null ? MissingNode.getInstance() : value;
    }

    /** A non-blank text field, bounded. */
    private static Optional<String> text(JsonNode node, String field) {
        return ManifestJson.text(get(node, field));
    }
}
