package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP codec with one change: a request it cannot parse (no {@code Host} on HTTP/1.1, a bad
 * {@code Content-Length}, oversized headers, …) is answered with problem JSON and the security headers, not
 * an empty body. Built with the settings of the codec it replaces.
 */
final class JsonErrorCodec extends HttpServerFilter {

    private static final System.Logger LOG = System.getLogger(JsonErrorCodec.class.getName());

    private final ObjectMapper mapper;

    @SuppressWarnings("deprecation") // the constructor HttpServer itself uses
    private JsonErrorCodec(NetworkListener listener, ObjectMapper mapper) {
        super(listener.isChunkingEnabled(), listener.getMaxHttpHeaderSize() == -1
                        ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize(),
                null, listener.getKeepAlive(), null, listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        this.mapper = mapper;
    }

    /** A codec like {@code original} (same listener settings, encodings and limits) answering errors as JSON. */
    static JsonErrorCodec replacing(HttpServerFilter original, NetworkListener listener, ObjectMapper mapper) {
        JsonErrorCodec codec = new JsonErrorCodec(listener, mapper);
        for (var encoding : original.getContentEncodings()) {
            codec.addContentEncoding(encoding);
        }
        codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
        codec.setPreserveHeaderCase(original.isPreserveHeaderCase());
        codec.setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
        codec.getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
        return codec;
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        HttpRequestPacket request = response.getRequest();
        boolean noHost = request != null && request.getProtocol() == Protocol.HTTP_1_1 && request.getHeader("Host") == null;
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        Problem problem = noHost
                ? Problem.forStatus(status, "The request has no Host header.",
                        "Send Host: with the name and port this server is reached at.")
                : Problem.forStatus(status, "The HTTP request is malformed.", null);
        LOG.log(System.Logger.Level.DEBUG, () -> status + " for an unparsable request: " + problem.message());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException impossible) {
            body = "{\"error\":\"invalid_input\",\"message\":\"Bad request.\"}".getBytes(StandardCharsets.US_ASCII);
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        EdgeGuard.secure(response);
        return HttpContent.builder(response).content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                .last(true).build();
    }
}
