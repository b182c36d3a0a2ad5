package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Objects;
import live.catwalk.core.shared.CatwalkException;

/**
 * Reads and writes {@code application/json} with Catwalk's one mapper. A body that does not parse or bind
 * leaves as Jackson's exception, for {@link ProblemMapper}; an empty body or {@code null} is refused here.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private final ObjectMapper mapper;

    public JsonProvider() {
        this(Json.mapper());
    }

    JsonProvider(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    private static CatwalkException noBody() {
        return CatwalkException.invalidInput("body", "The request needs a JSON body.",
                "Send one JSON object with Content-Type: application/json.").withCode(JsonProblems.INVALID_JSON);
    }

    private static boolean handles(Class<?> type, MediaType mediaType) {
        boolean raw = type == String.class || type == byte[].class
                || InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)
                || StreamingOutput.class.isAssignableFrom(type);
        return !raw && mediaType != null && isJson(mediaType);
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json");
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        var in = new PushbackInputStream(entityStream, 1);
        int first = in.read();
        while (first == ' ' || first == '\t' || first == '\n' || first == '\r') {
            first = in.read();
        }
        if (first < 0) {
            throw noBody();
        }
        in.unread(first);
        // Jackson's exceptions propagate: ProblemMapper is the one place that turns them into problems.
        try (JsonParser parser = mapper.createParser(in)) {
            Object value = mapper.readValue(parser, mapper.constructType(genericType));
            if (value == null) {
                throw noBody();
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "Unexpected content after the JSON value");
            }
            return value;
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        try {
            mapper.writerFor(mapper.constructType(genericType)).writeValue(entityStream, value);
        } catch (JsonProcessingException e) {
            // A response that cannot be serialized is a bug here, not a bad request.
            throw new IllegalStateException("cannot write " + type.getName() + " as JSON", e);
        }
    }
}
