package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * Replaces Grizzly's HTML error pages (oversized body, malformed request, TRACE, …) with problem JSON,
 * for the errors Grizzly answers before Jersey sees the request.
 */
final class JsonErrorPages implements ErrorPageGenerator {

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    JsonErrorPages(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        request.getResponse().setContentType(Problem.MEDIA_TYPE);
        EdgeGuard.secure(request.getResponse().getResponse());
        Problem problem = switch (status) {
            case 413 -> Problem.forStatus(413, "The request body is larger than " + maxBodyBytes + " bytes.",
                    "Send a smaller body.");
            case 400 -> Problem.forStatus(400, "The HTTP request is malformed.", null);
            case 405 -> Problem.forStatus(405, request.getMethod() + " is not allowed here.", null);
            default -> Problem.forStatus(status, reasonPhrase == null ? "HTTP " + status + "." : reasonPhrase + ".", null);
        };
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            return "{\"error\":\"internal\",\"message\":\"HTTP " + status + "\"}";
        }
    }
}
