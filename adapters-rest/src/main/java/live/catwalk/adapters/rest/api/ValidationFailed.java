package live.catwalk.adapters.rest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.shared.CatwalkException;

/** The 422 answer to a request that was understood but is wrong in one or more places, all listed. */
record ValidationFailed(String error, String message, List<Item> problems) {

    static final int STATUS = 422;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String field, String message, String hint) {
    }

    /**
     * A body wrong in one place is a 400 {@code invalid_input} naming the field (the answer of the routes with one
     * or two fields); wrong in several, the 422 listing them all.
     */
    static Response refuse(List<ValidationProblem> problems) {
        if (problems.size() == 1) {
            ValidationProblem only = problems.getFirst();
            throw CatwalkException.invalidInput(only.field(), only.message(), only.hint().orElse(null));
        }
        return response(problems);
    }

    /** At most {@link ValidationProblem#MAX_REPORTED} problems are listed, the last one counting the rest. */
    static Response response(List<ValidationProblem> all) {
        List<ValidationProblem> problems = ValidationProblem.capped(all);
        int n = problems.size();
        String message = "The request has " + n + (n == 1 ? " problem" : " problems")
                + "; fix " + (n == 1 ? "it" : "them all") + " and send it again.";
        List<Item> items = problems.stream()
                .map(p -> new Item(p.field(), p.message(), p.hint().orElse(null)))
                .toList();
        return Response.status(STATUS).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ValidationFailed("validation_failed", message, items)).build();
    }
}
