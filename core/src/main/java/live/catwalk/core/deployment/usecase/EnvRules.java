package live.catwalk.core.deployment.usecase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.ValidationProblem;

/**
 * The rules for a deployment's variables, at create and at replace alike: names by {@link EnvVarName} (form
 * and refused families), each value a string (a null one is a problem), at most 16 KiB and without NUL, at most 100 variables and 64 KiB of names
 * and values in all (sizes in UTF-8 bytes). Over 100 variables is the only problem reported, so the report
 * stays small. Problems never quote a value.
 */
final class EnvRules {

    static final int MAX_VALUE_BYTES = 16 * 1024;
    static final int MAX_VARIABLES = 100;
    static final int MAX_TOTAL_BYTES = 64 * 1024;
    private static final int MAX_SHOWN_NAME = 64;

    /** Every problem found, and (only meaningful without problems) the values by name, ordered by name. */
    record Checked(List<ValidationProblem> problems, Map<EnvVarName, SecretValue> values) {
        Checked {
            problems = List.copyOf(problems);
        }

        List<EnvVarName> names() {
            return List.copyOf(values.keySet());
        }
    }

    private EnvRules() {
    }

    static Checked check(Map<String, String> env) {
        List<ValidationProblem> problems = new ArrayList<>();
        Map<EnvVarName, SecretValue> values = new LinkedHashMap<>();
        if (env.size() > MAX_VARIABLES) {
            // Counted first and alone: checking 150,000 names would only produce a report bigger than the request.
            return new Checked(List.of(ValidationProblem.of("env", "has " + env.size() + " variables; at most "
                    + MAX_VARIABLES, "put related settings into one variable, or drop the ones the server does not read")),
                    Map.of());
        }
        long total = 0;
        for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            String name = entry.getKey();
            String field = "env." + shown(name);
            if (entry.getValue() == null) {
                problems.add(ValidationProblem.of(field, "must be a string",
                        "leave the variable out instead of sending null"));
                EnvVarName.problem(name).ifPresent(p -> problems.add(nameProblem(field, p)));
                continue;
            }
            int valueBytes = entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            total += name.getBytes(StandardCharsets.UTF_8).length + valueBytes;
            Optional<String> nameProblem = EnvVarName.problem(name);
            nameProblem.ifPresent(p -> problems.add(nameProblem(field, p)));
            boolean valueOk = true;
            if (valueBytes > MAX_VALUE_BYTES) {
                valueOk = false;
                problems.add(ValidationProblem.of(field, "is " + valueBytes + " bytes long; at most "
                        + MAX_VALUE_BYTES, "pass a path or URL to larger data instead of the data itself"));
            } else if (entry.getValue().indexOf('\0') >= 0) {
                valueOk = false;
                problems.add(ValidationProblem.of(field, "contains a NUL character, which no process environment can hold",
                        null));
            }
            if (nameProblem.isEmpty() && valueOk) {
                values.put(new EnvVarName(name), new SecretValue(entry.getValue()));
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            problems.add(ValidationProblem.of("env", "is " + total + " bytes of names and values; at most "
                    + MAX_TOTAL_BYTES, "drop variables the server does not read"));
        }
        return new Checked(problems, values);
    }

    private static ValidationProblem nameProblem(String field, String problem) {
        return ValidationProblem.of(field, "the name " + problem, problem.startsWith("is refused")
                ? "no server may set it; give the setting another way (an argument or the server's own variable)"
                : "use upper-case letters, digits and underscores, e.g. API_KEY");
    }

    /** A name as it may appear in a field path: bounded, so a huge bad name does not make a huge report. */
    private static String shown(String name) {
        return name.length() <= MAX_SHOWN_NAME ? name : name.substring(0, MAX_SHOWN_NAME) + "…";
    }
}
