package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import live.catwalk.core.shared.CatwalkException;

/**
 * The REST edge's one translation of failures into problem JSON: {@link CatwalkException} by its kind, a
 * request body Jackson could not read or bind (through {@link JsonProblems}, naming the field at fault),
 * Jersey's own 404/405/406/415 with a message that says what to do, and anything unexpected as an
 * {@code internal} error whose details go only to the log, under a reference the client can quote.
 */
@Provider
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof CatwalkException e) {
            return fromCatwalk(e);
        }
        JsonProcessingException badJson = cause(thrown, JsonProcessingException.class);
        if (badJson != null && (thrown == badJson || thrown instanceof ProcessingException)) {
            return fromCatwalk(JsonProblems.of(badJson));
        }
        if (thrown instanceof ProcessingException && cause(thrown, CatwalkException.class) != null) {
            return fromCatwalk(cause(thrown, CatwalkException.class));
        }
        if (thrown instanceof WebApplicationException e) {
            return fromJaxRs(e);
        }
        if (exceedsMaxPostSize(thrown)) {
            return respond(413, Problem.forStatus(413, "The request body is larger than the server accepts.",
                    "Send a smaller body."), null);
        }
        if (cause(thrown, EOFException.class) != null || cause(thrown, ClosedChannelException.class) != null
                || cause(thrown, CancelledKeyException.class) != null) {
            // The client closed the connection, or was cut off by a read timeout, before its body was complete.
            LOG.log(System.Logger.Level.DEBUG, () -> "request body ended early on " + describeRequest());
            return respond(400, Problem.forStatus(400, "The request body ended before its declared length.", null),
                    null);
        }
        String reference = reference();
        LOG.log(System.Logger.Level.ERROR, "internal error " + reference + " on " + describeRequest(), thrown);
        return respond(500, Problem.forStatus(500,
                "Internal error (reference " + reference + "); the server log has the details.", null), null);
    }

    private Response fromCatwalk(CatwalkException e) {
        int status = Problem.statusOf(e.kind());
        if (status >= 500) {
            LOG.log(status == 500 ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
                    e.code() + " on " + describeRequest() + ": " + e.getMessage(), e.getCause());
        }
        return respond(status, Problem.of(e), null);
    }

    private Response fromJaxRs(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String method = method();
        String path = Problem.quotePath(uriInfo == null ? null : uriInfo.getPath());
        Problem problem = switch (status) {
            case 404 -> Problem.forStatus(404, "No resource at " + method + " " + path + ".",
                    "The API is under /api (health: GET /api/health); MCP endpoints are /mcp/{deploymentId}.");
            case 405 -> Problem.forStatus(405, method + " is not allowed on " + path + ".",
                    "Allowed methods: " + String.join(", ", original.getAllowedMethods().stream().sorted().toList()) + ".");
            case 406 -> Problem.forStatus(406, "None of the media types in Accept can be produced here.",
                    "Accept application/json.");
            case 415 -> Problem.forStatus(415, contentType() == null
                    ? "The body has no Content-Type; this route reads JSON."
                    : "Content-Type '" + EdgeGuard.shown(contentType()) + "' is not accepted here; this route reads JSON.",
                    "Send the body as application/json.");
            default -> Problem.forStatus(status, reason(original), null);
        };
        if (status >= 500) {
            LOG.log(System.Logger.Level.ERROR, "HTTP " + status + " on " + describeRequest(), e);
        }
        return respond(status, problem, original);
    }

    private static Response respond(int status, Problem problem, Response copyHeadersFrom) {
        Response.ResponseBuilder builder = Response.status(status);
        if (copyHeadersFrom != null) {
            copyHeadersFrom.getHeaders().forEach((name, values) -> {
                if (!isEntityHeader(name)) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
        }
        if (status == 401 && (copyHeadersFrom == null || copyHeadersFrom.getHeaderString(HttpHeaders.WWW_AUTHENTICATE) == null)) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"catwalk\"");
        }
        if (problem.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, problem.retryAfter());
        }
        return builder.type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static boolean isEntityHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return List.of("content-type", "content-length", "content-encoding").contains(lower);
    }

    private static String reason(Response response) {
        Response.StatusType info = response.getStatusInfo();
        return info.getReasonPhrase() == null || info.getReasonPhrase().isBlank()
                ? "HTTP " + response.getStatus() + "." : info.getReasonPhrase() + ".";
    }

    /** The first throwable of this type in the cause chain, or null. */
    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A body over the bound: BoundedBodies says so, and Grizzly (a listener with its own max post size) in this text. */
    private static boolean exceedsMaxPostSize(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof BoundedBodies.TooLarge
                    || t instanceof IOException && t.getMessage() != null && t.getMessage().contains("max post size")) {
                return true;
            }
        }
        return false;
    }

    private String method() {
        try {
            return request == null ? "?" : request.getMethod();
        } catch (IllegalStateException outsideRequest) {
            return "?";
        }
    }

    private String contentType() {
        try {
            return headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        } catch (IllegalStateException outsideRequest) {
            return null;
        }
    }

    private String describeRequest() {
        try {
            return method() + " " + Problem.quotePath(uriInfo == null ? null : uriInfo.getPath());
        } catch (IllegalStateException outsideRequest) {
            return "(no request)";
        }
    }

    private static String reference() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }
}
