package live.catwalk.adapters.rest.api;

import java.util.List;
import java.util.Map;
import live.catwalk.core.deployment.domain.ValidationProblem;

/** The body of {@code PUT /api/deployments/{id}/env}: every variable the deployment gets from now on. */
record EnvBody(Map<String, String> env) {

    /** One problem per variable given as {@code null} instead of a string. */
    static List<ValidationProblem> nullValues(String field, Map<String, String> env) {
        if (env == null) {
            return List.of();
        }
        return env.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(e -> ValidationProblem.of(field + "." + e.getKey(), "must be a string",
                        "Leave the variable out instead of sending null."))
                .toList();
    }
}
