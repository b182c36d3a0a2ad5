package live.catwalk.adapters.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.io.InputStream;
import live.catwalk.core.shared.CatwalkException;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Refuses a request without a body (none, or {@code Content-Length: 0}) on a route that reads one, with the
 * same 400 as an empty JSON body: Jersey would otherwise hand the resource {@code null} without asking
 * {@link JsonProvider}. Runs after authentication, so an anonymous caller still gets 401.
 */
@Priority(Priorities.ENTITY_CODER)
final class RequiredBody implements ContainerRequestFilter {

    @Context
    private ExtendedUriInfo uriInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceMethod method = uriInfo.getMatchedResourceMethod();
        // Jersey's own OPTIONS answers take the request as an entity parameter, but read no body.
        if (method == null || request.hasEntity() || "OPTIONS".equals(request.getMethod())) {
            return;
        }
        boolean readsBody = method.getInvocable().getParameters().stream()
                .anyMatch(p -> p.getSource() == Parameter.Source.ENTITY && !InputStream.class.isAssignableFrom(p.getRawType()));
        if (readsBody) {
            throw CatwalkException.invalidInput("body", "The request needs a JSON body.",
                    "Send one JSON object with Content-Type: application/json.").withCode(JsonProblems.INVALID_JSON);
        }
    }
}
