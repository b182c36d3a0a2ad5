package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.stream.Collectors;
import live.catwalk.core.shared.CatwalkException;

/**
 * Reads and writes {@code application/json} with Catwalk's one mapper, and turns a body that does not
 * parse or bind into an {@code invalid_input} problem naming the field at fault.
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
        try {
            return mapper.readValue(entityStream, mapper.constructType(genericType));
        } catch (JsonProcessingException e) {
            throw badBody(e);
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        mapper.writerFor(mapper.constructType(genericType)).writeValue(entityStream, value);
    }

    /** Describes what is wrong with the body without quoting it: bodies may carry secrets. */
    static CatwalkException badBody(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return CatwalkException.invalidInput(path(unknown), "Unknown field '" + unknown.getPropertyName() + "'.",
                    known.isEmpty() ? "Remove the field." : "Known fields here: " + known + ".");
        }
        if (e instanceof StreamConstraintsException) {
            return CatwalkException.invalidInput("body", "The JSON body is nested or sized beyond the limits.",
                    "Keep nesting under " + Json.MAX_NESTING_DEPTH + " levels.");
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "another type"
                    : describe(mismatch.getTargetType());
            return CatwalkException.invalidInput(path(mismatch),
                    "Expected " + expected + " here; the value is missing, null or of another type.",
                    "Check the field's type in the API documentation.");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return CatwalkException.invalidInput(path(mapping), "The value cannot be used here.",
                    "Check the field against the API documentation.");
        }
        return CatwalkException.invalidInput("body", "The body is not valid JSON" + at(e.getLocation()) + ".",
                "Send one JSON object with Content-Type: application/json.");
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
