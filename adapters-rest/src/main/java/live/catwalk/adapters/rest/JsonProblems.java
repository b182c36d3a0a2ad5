package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import live.catwalk.core.shared.CatwalkException;

/** What is wrong with a JSON body, as Catwalk's exception naming the field at fault; used by {@link ProblemMapper}. */
final class JsonProblems {

    /** The code of a body that is not JSON at all (as opposed to JSON of the wrong shape). */
    static final String INVALID_JSON = "invalid_json";

    private JsonProblems() {
    }

    /** Describes what is wrong with the body without quoting it: bodies may carry secrets. */
    static CatwalkException of(JsonProcessingException e) {
        JsonParseException syntax = syntaxError(e);
        if (syntax != null) {
            // Not JSON at all, even if the binder saw a field first: say so, rather than blame that field.
            String what = syntax instanceof JsonEOFException ? "The body ends before its JSON is complete"
                    : "The body is not valid JSON";
            return CatwalkException.invalidInput("body", what + at(syntax.getLocation()) + ".",
                    "Send one JSON object with Content-Type: application/json.").withCode(INVALID_JSON);
        }
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
        // A value of the wrong kind where the body's object belongs (JsonProvider refuses an empty body itself).
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return CatwalkException.invalidInput("body", "Expected " + describe(mismatch.getTargetType())
                    + " as the body.", "Send one JSON object with Content-Type: application/json.");
        }
        return CatwalkException.invalidInput("body", "The body is not valid JSON" + at(e.getLocation()) + ".",
                "Send one JSON object with Content-Type: application/json.").withCode(INVALID_JSON);
    }

    /** The parser's own error in the cause chain (the body is not JSON), or null when the JSON merely does not bind. */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
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
