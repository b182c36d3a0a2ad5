package live.catwalk.adapters.rest.mcp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.rest.AnswerThreads;
import live.catwalk.adapters.rest.Bearer;
import live.catwalk.adapters.rest.ClientAddress;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.http.RequestBody;
import live.catwalk.core.mcp.port.in.ServeMcp;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * The MCP endpoints {@code /mcp/{deploymentId}} and {@code /api/mcp/{deploymentId}} as a plain Grizzly
 * handler beside the Jersey application: this is the hot path, and Jersey's routing and parameter
 * injection cost more than the rest of a request together. It translates HTTP to core's exchange model
 * and back and nothing more; the protocol rules live in core. It runs on the server's virtual threads; an answer core
 * gives later (a 2025 POST waiting for its server) goes into the suspended response, see {@link Reply}. A request with
 * a bearer token is first held to the {@link EdgeLimits} (its address and token prefix may have failed too often, its
 * token's budget may be spent: 429 with {@code Retry-After}); a 401 then counts as a failure, another answer against
 * the token's budget.
 */
final class McpHttpHandler extends HttpHandler {

    private static final System.Logger LOG = System.getLogger(McpHttpHandler.class.getName());

    private final ServeMcp mcp;
    private final Duration heartbeat;
    private final McpActivity activity;
    private final EdgeLimits limits;

    McpHttpHandler(ServeMcp mcp, Duration heartbeat, McpActivity activity, EdgeLimits limits) {
        super("mcp");
        this.mcp = Objects.requireNonNull(mcp, "mcp");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        activity.began();
        boolean later = false;
        try {
            later = serve(request, response);
        } finally {
            if (!later) {
                activity.ended(); // the answer, a stream included, is written in full (or abandoned) by now
            }
        }
    }

    /** Serves the request; true when its answer is written later, by {@link Reply}, which then ends the activity. */
    private boolean serve(Request request, Response response) throws IOException {
        Optional<String> deployment = deploymentId(request.getPathInfo());
        if (deployment.isEmpty()) {
            write(response, McpReplies.error(404, JsonRpc.TRANSPORT_ERROR,
                    "Not Found: an MCP endpoint is /mcp/{deploymentId}."));
            return false;
        }
        StreamedBody body = new StreamedBody(request);
        String authorization = request.getHeader("Authorization");
        Optional<String> token = authorization != null ? Bearer.token(authorization)
                : QueryToken.of(request.getQueryString());
        String address = ClientAddress.of(request);
        Optional<EdgeLimits.Refusal> limited = token.flatMap(t -> limits.authentication(address, token)
                .or(() -> limits.budget(t)));
        Reply reply = new Reply(request, response, body, address, token);
        if (limited.isPresent()) {
            reply.refuseNow(McpReplies.error(429, JsonRpc.TRANSPORT_ERROR, limited.get().message(), null,
                    Map.of("Retry-After", String.valueOf(limited.get().retryAfterSeconds()))));
            return false;
        }
        try {
            mcp.serve(exchange(request, deployment.get(), body, token), reply::answer);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "MCP request " + request.getMethod().getMethodString() + " "
                    + loggable(request) + " failed", e);
            reply.answer(McpReplies.error(500, JsonRpc.INTERNAL_ERROR,
                    "Internal error; the server log has the details."));
        }
        return reply.writeHereOrSuspend();
    }

    /**
     * The answer of one request, given once: on the request's thread when it is there before {@link #serve} returns
     * (the usual case but for a 2025 POST waiting for its server), else by the thread that decided it (a server's
     * reader, the JSON window's ticker) into the suspended Grizzly response. There a small JSON body is written at
     * once (it fits the connection's write queue, so this does not block); a stream or a large body is written on a
     * virtual thread of its own.
     */
    private final class Reply {

        /** A JSON body up to this size is written by the thread that decided it. */
        private static final int WRITTEN_INLINE = 64 * 1024;

        private final Request request;
        private final Response response;
        private final StreamedBody body;
        private final String address;
        private final Optional<String> token;
        private McpHttpResponse answer; // guarded by this
        private boolean suspended; // guarded by this

        Reply(Request request, Response response, StreamedBody body, String address, Optional<String> token) {
            this.request = request;
            this.response = response;
            this.body = body;
            this.address = address;
            this.token = token;
        }

        /** The answer from core: kept for the request's thread, or written into the suspended response. */
        void answer(McpHttpResponse given) {
            synchronized (this) {
                if (answer != null) { // answered already (a 500 for a failure after core took the request)
                    if (given instanceof McpHttpResponse.Stream stream) {
                        stream.source().close();
                    }
                    return;
                }
                answer = given;
                if (!suspended) {
                    return; // the request's thread writes it
                }
            }
            if (given instanceof McpHttpResponse.Stream || given instanceof McpHttpResponse.Json json
                    && json.body().length > WRITTEN_INLINE) {
                Thread.ofVirtual().name("catwalk-mcp-answer").start(this::finishLater);
            } else {
                finishLater();
            }
        }

        /** On the request's thread: writes the answer if it is there, else suspends the response; true if so. */
        boolean writeHereOrSuspend() throws IOException {
            McpHttpResponse now;
            synchronized (this) {
                now = answer;
                if (now == null) {
                    response.suspend();
                    suspended = true;
                    return true;
                }
            }
            answerNow(now);
            return false;
        }

        /** Writes core's answer {@code now} on this thread, counted against the caller's limits. */
        void answerNow(McpHttpResponse now) throws IOException {
            if (token.isPresent() && now.status() == 401) {
                limits.failed(address, token);
            } else {
                token.ifPresent(limits::spent);
            }
            refuseNow(now);
        }

        /** Writes {@code now} on this thread, not counted (the edge's own refusal). */
        void refuseNow(McpHttpResponse now) throws IOException {
            if (request.getMethod().getMethodString().equals("POST") && !body.consumed()
                    && (request.getContentLengthLong() > 0 || request.getRequest().isChunked())) {
                // A body nobody read (a refused caller's, or one too large) is abandoned, not drained: Grizzly then
                // closes the connection instead of reading what the client may still send.
                request.getRequest().setContentBroken(true);
                response.setHeader("Connection", "close");
            }
            write(response, now);
        }

        private void finishLater() {
            McpHttpResponse now;
            synchronized (this) {
                now = answer;
            }
            try {
                answerNow(now);
            } catch (IOException | RuntimeException e) {
                if (now instanceof McpHttpResponse.Stream stream) {
                    stream.source().close(); // its events stay for a resumption
                }
                LOG.log(System.Logger.Level.DEBUG, "MCP answer not written in full", e); // mostly: the client left
            } finally {
                try {
                    AnswerThreads.finishing(this::resume); // runs what Grizzly does next on this connection
                } finally {
                    activity.ended();
                }
            }
        }

        /**
         * Resumes the suspended response unless Grizzly cancelled it meanwhile (the client went away): resuming a
         * cancelled response would run its filter chain context again after Grizzly released it.
         */
        private void resume() {
            if (response.getSuspendContext() instanceof Response.SuspendedContextImpl context) {
                if (context.markResumed()) {
                    request.getContext().resume();
                }
            } else if (response.isSuspended()) {
                response.resume();
            }
        }
    }

    /** The request's path and query for a log line, bounded, with any {@code token=} value as {@code ***}. */
    static String loggable(Request request) {
        String query = request.getQueryString();
        String uri = request.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
        String redacted = QueryToken.redact(uri);
        return redacted.length() <= 300 ? redacted : redacted.substring(0, 300) + "…";
    }

    /** The one path segment after the context path ({@code /everything}), if that is all there is. */
    static Optional<String> deploymentId(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.charAt(0) != '/' || pathInfo.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(pathInfo.substring(1));
    }

    private static McpHttpRequest exchange(Request request, String deploymentId, RequestBody body,
                                           Optional<String> token) {
        // One pass over the parsed headers: getHeaders(name) per name would scan them all for each name.
        MimeHeaders mime = request.getRequest().getHeaders();
        Map<String, List<String>> headers = LinkedHashMap.newLinkedHashMap(mime.size());
        for (int i = 0; i < mime.size(); i++) {
            headers.computeIfAbsent(mime.getName(i).toString().toLowerCase(Locale.ROOT), n -> new ArrayList<>(1))
                    .add(mime.getValue(i).toString());
        }
        return new McpHttpRequest(deploymentId, request.getMethod().getMethodString(), Headers.of(headers), body, token);
    }

    private void write(Response response, McpHttpResponse answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        switch (answer) {
            case McpHttpResponse.Json json -> {
                response.setContentType("application/json");
                response.setContentLength(json.body().length);
                response.getOutputStream().write(json.body());
            }
            case McpHttpResponse.Empty empty -> response.setContentLength(0);
            case McpHttpResponse.Stream stream -> {
                response.setContentType("text/event-stream");
                response.setHeader("Cache-Control", "no-store, no-transform");
                response.setHeader("X-Accel-Buffering", "no");
                activity.streamBegan();
                try {
                    SseWriter.write(stream.source(), response.getOutputStream(), heartbeat);
                } finally {
                    activity.streamEnded();
                }
            }
        }
    }
}
