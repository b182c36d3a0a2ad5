package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;

/**
 * The server's edge, in Grizzly's filter chain around the HTTP codec so that it sees every request before
 * any handler and every response after: it refuses what {@link EdgeRules} refuses (problem JSON, then the
 * connection is closed), runs the {@link ReadDeadlines} clocks, works out each request's {@link ClientAddress}, and
 * adds the security headers to every response, Grizzly's own error pages included.
 */
final class EdgeGuard implements AddOn {

    private static final System.Logger LOG = System.getLogger(EdgeGuard.class.getName());
    // Request attributes, not notes: Grizzly reuses request objects and clears only their attributes.
    private static final String SEEN = EdgeGuard.class.getName() + ".seen";
    private static final String REFUSED = EdgeGuard.class.getName() + ".refused";

    private final Set<String> allowedHosts;
    private final ReadDeadlines deadlines;
    private final ObjectMapper mapper;
    private final TrustedProxies proxies;
    private final long maxBodyBytes;

    /**
     * {@code maxBodyBytes} bounds a body's declared length outside the MCP endpoints (Grizzly's own max post size is
     * off on such a listener: it would refuse an MCP request before its token is checked).
     */
    EdgeGuard(Set<String> allowedHosts, ReadDeadlines deadlines, ObjectMapper mapper, TrustedProxies proxies,
              long maxBodyBytes) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.maxBodyBytes = maxBodyBytes;
        this.deadlines = deadlines;
        this.mapper = mapper;
        this.proxies = proxies;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the filter chain of listener " + listener.getName());
        }
        builder.set(codec, JsonErrorCodec.replacing((HttpServerFilter) builder.get(codec), listener, mapper));
        builder.add(codec, deadlines.rawBytes());
        builder.add(codec + 2, new Gate());
    }

    /**
     * Adds the headers every response carries, unless a handler chose its own {@code Cache-Control}. Set when
     * the request arrives (once the web server commits a response, Grizzly takes no new {@code Cache-Control}),
     * again on Grizzly's error pages (which reset the headers), and checked on the way out.
     */
    static void secure(HttpResponsePacket response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!response.containsHeader("Cache-Control")) {
            response.setHeader("Cache-Control", "no-store");
        }

    }

    /** A client-sent value fit for a log line: control characters escaped, at most 200 characters. */
    static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 200; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.length() < 200 ? out.toString() : out + "…";
    }

    /** Between the codec and the web server: parsed requests in, responses out. */
    private final class Gate extends BaseFilter {

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (AnswerThreads.finishing()) { // a request pipelined behind an answer given later: not on that thread
                ctx.suspend();
                Thread.ofVirtual().name("catwalk-pipelined").start(ctx::resume);
                return ctx.getSuspendAction();
            }
            if (!(ctx.getMessage() instanceof HttpContent content)
                    || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
                return ctx.getInvokeAction();
            }
            if (request.getAttribute(REFUSED) != null) {
                return ctx.getStopAction();
            }
            if (request.getAttribute(SEEN) == null) {
                request.setAttribute(SEEN, Boolean.TRUE);
                request.setAttribute(ClientAddress.ATTRIBUTE, ClientAddress.resolve(
                        ctx.getConnection().getPeerAddress(), request.getHeaders().values("X-Forwarded-For"), proxies));
                deadlines.headersReceived(ctx.getConnection(), !content.isLast());
                Optional<EdgeRules.Refusal> refusal = EdgeRules.check(request.getRequestURI(), request.getHeader("Host"),
                        allowedHosts).or(() -> EdgeRules.checkLength(request.getRequestURI(),
                        request.getContentLength(), maxBodyBytes));
                if (refusal.isPresent()) {
                    request.setAttribute(REFUSED, Boolean.TRUE);
                    refuse(ctx, request, refusal.get());
                    return ctx.getStopAction();
                }
                secure(request.getResponse());
            } else if (content.isLast()) {
                deadlines.bodyReceived(ctx.getConnection());
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleWrite(FilterChainContext ctx) {
            if (ctx.getMessage() instanceof HttpPacket packet) {
                HttpHeader header = packet.getHttpHeader();
                if (header instanceof HttpResponsePacket response && !response.isCommitted()
                        && !response.isAcknowledgement()) {
                    secure(response);
                }
            }
            return ctx.getInvokeAction();
        }

        @SuppressWarnings({"rawtypes", "unchecked"}) // Grizzly's write takes a raw CompletionHandler<WriteResult>
        private void refuse(FilterChainContext ctx, HttpRequestPacket request, EdgeRules.Refusal refusal) {
            LOG.log(refusal.notable() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                    () -> refusal.status() + " for " + request.getMethod().getMethodString() + " "
                            + shown(request.getRequestURI()) + " (Host " + shown(request.getHeader("Host"))
                            + "): " + refusal.problem().message());
            HttpResponsePacket response = request.getResponse();
            response.setStatus(refusal.status());
            response.setReasonPhrase(switch (refusal.status()) {
                case 421 -> "Misdirected Request";
                case 413 -> "Content Too Large";
                default -> "Bad Request";
            });
            response.setContentType(Problem.MEDIA_TYPE);
            response.setHeader("Connection", "close");
            byte[] body = json(refusal.problem());
            response.setContentLength(body.length);
            secure(response);
            Buffer buffer = Buffers.wrap(ctx.getMemoryManager(), body);
            Connection<?> connection = ctx.getConnection();
            ctx.write(HttpContent.builder(response).content(buffer).last(true).build(),
                    new EmptyCompletionHandler<WriteResult>() {
                        @Override
                        public void completed(WriteResult result) {
                            deadlines.closeLingering(connection);
                        }

                        @Override
                        public void failed(Throwable throwable) {
                            connection.closeSilently();
                        }
                    });
        }

        private byte[] json(Problem problem) {
            try {
                return mapper.writeValueAsBytes(problem);
            } catch (JsonProcessingException impossible) {
                return "{\"error\":\"invalid_input\",\"message\":\"Bad request.\"}".getBytes(StandardCharsets.US_ASCII);
            }
        }
    }
}
