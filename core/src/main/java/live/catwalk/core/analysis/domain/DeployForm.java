package live.catwalk.core.analysis.domain;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.ValidationProblem;

/**
 * The form a person fills in to deploy a server: one field per environment variable (typed, with its rules) and
 * one per argument that must follow the package; {@link #check} finds every problem of a filled-in form at once.
 * Variables a deployment may not set (by {@link EnvVarName}'s rules) are left out and said in {@code warnings}.
 * Immutable.
 */
public record DeployForm(List<Field> fields, List<ArgumentField> arguments, List<String> warnings) {

    public DeployForm {
        fields = List.copyOf(fields);
        arguments = List.copyOf(arguments);
        warnings = List.copyOf(warnings);
    }

    /** How a field is entered and checked. */
    public enum Type {
        SECRET, TEXT, NUMBER, BOOLEAN, SELECT, URL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One variable: its name, a label for people, its type and rules, and what helps fill it in. */
    public record Field(String name, String label, Type type, boolean required, Optional<String> defaultValue,
                        Optional<String> description, Optional<String> placeholder, List<String> choices) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(placeholder, "placeholder");
            choices = List.copyOf(choices);
        }
    }

    /** The {@code index}th argument after the package: required, with its placeholder and what it is. */
    public record ArgumentField(int index, String placeholder, Optional<String> description, Optional<String> example) {
        public ArgumentField {
            Objects.requireNonNull(placeholder, "placeholder");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(example, "example");
        }
    }

    /** The form for the variables {@code env} and the required arguments {@code args}. */
    public static DeployForm of(List<EnvVar> env, List<Analysis.Argument> args) {
        List<Field> fields = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (EnvVar v : env) {
            Optional<String> problem = EnvVarName.problem(v.name());
            if (problem.isPresent()) {
                warnings.add("the variable " + v.name() + " is not on the form: its name " + problem.get());
                continue;
            }
            fields.add(new Field(v.name(), label(v.name()), type(v), v.required(), v.defaultValue(), v.description(),
                    v.defaultValue().filter(d -> !v.secret()), v.choices()));
        }
        List<ArgumentField> arguments = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Analysis.Argument a = args.get(i);
            arguments.add(new ArgumentField(i, a.placeholder(), a.description(), a.example()));
        }
        return new DeployForm(fields, arguments, warnings);
    }

    /**
     * Every problem of a filled-in form: a required variable missing or blank ({@code env.<NAME>}), a value that
     * is not of its type or not one of its choices, a required argument missing or blank ({@code args[i]}), or
     * more arguments than the form has. Variables the form does not name are not checked here.
     */
    public List<ValidationProblem> check(Map<String, String> env, List<String> args) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (Field f : fields) {
            String value = env.get(f.name());
            String field = "env." + f.name();
            if (value == null || value.isBlank()) {
                if (f.required() && f.defaultValue().isEmpty()) {
                    problems.add(ValidationProblem.of(field, "is required", f.description()
                            .map(d -> "the server needs it: " + d).orElse("the server needs it to start")));
                }
                continue;
            }
            typeProblem(f, value).ifPresent(p -> problems.add(ValidationProblem.of(field, p, null)));
        }
        for (ArgumentField a : arguments) {
            if (a.index() >= args.size() || args.get(a.index()) == null || args.get(a.index()).isBlank()) {
                problems.add(ValidationProblem.of("args[" + a.index() + "]", "is required",
                        "give " + a.placeholder() + a.description().map(d -> ": " + d).orElse("")));
            }
        }
        if (args.size() > arguments.size()) {
            problems.add(ValidationProblem.of("args", "has " + args.size() + " arguments, the form " + arguments.size(),
                    "give exactly the arguments the form lists"));
        }
        return problems;
    }

    private static Optional<String> typeProblem(Field f, String value) {
        return switch (f.type()) {
            case NUMBER -> isNumber(value) ? Optional.empty() : Optional.of("must be a number");
            case BOOLEAN -> value.equals("true") || value.equals("false") ? Optional.empty()
                    : Optional.of("must be true or false");
            case SELECT -> f.choices().contains(value) ? Optional.empty()
                    : Optional.of("must be one of " + String.join(", ", f.choices()));
            case URL -> isUrl(value) ? Optional.empty() : Optional.of("must be an http(s) URL");
            case SECRET, TEXT -> Optional.empty();
        };
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value.strip());
            return value.length() <= 100;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Type type(EnvVar v) {
        if (v.secret()) {
            return Type.SECRET;
        }
        if (!v.choices().isEmpty()) {
            return Type.SELECT;
        }
        return switch (v.format()) {
            case "number" -> Type.NUMBER;
            case "boolean" -> Type.BOOLEAN;
            case "url" -> Type.URL;
            default -> Type.TEXT;
        };
    }

    /** {@code NOTION_API_TOKEN} reads "Notion API token": words split on '_', the first capitalised. */
    static String label(String name) {
        String[] words = name.toLowerCase(Locale.ROOT).split("_+");
        StringBuilder label = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            String shown = ACRONYMS.contains(w) ? w.toUpperCase(Locale.ROOT) : w;
            if (label.isEmpty()) {
                shown = Character.toUpperCase(shown.charAt(0)) + shown.substring(1);
            } else {
                label.append(' ');
            }
            label.append(shown);
        }
        return label.isEmpty() ? name : label.toString();
    }

    private static final List<String> ACRONYMS = List.of("api", "url", "id", "mcp", "ssl", "tls", "http", "https",
            "oauth", "aws", "gcp", "db", "sql", "jwt", "ai");
}
