package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.oauth.domain.ClientCredentials;

/**
 * What the token, registration and revocation endpoints share: OAuth's own error body ({@code error},
 * {@code error_description}), {@code no-store}, CORS open to every origin (browser clients such as MCP Inspector call
 * these endpoints; they carry no cookie), form parameters read once each, and the client's credentials from the
 * {@code Authorization: Basic} header or the form, never both.
 */
final class OAuthAnswers {

    /** The longest value a form parameter may have. */
    static final int MAX_VALUE = 4000;

    private OAuthAnswers() {
    }

    /** A JSON answer with the headers every OAuth endpoint answer carries. */
    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .header("Access-Control-Allow-Origin", "*").build();
    }

    /** An OAuth error; {@code invalid_client} is a 401 with a Basic challenge when the client tried Basic. */
    static Response error(String error, String description, boolean basic) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        int status = "invalid_client".equals(error) ? 401 : 400;
        Response.ResponseBuilder r = Response.fromResponse(json(status, body));
        if (status == 401) {
            r.header("WWW-Authenticate", basic ? "Basic realm=\"catwalk\"" : "Bearer realm=\"catwalk\"");
        }
        return r.build();
    }

    /** 429 for a rate limit, in OAuth's error shape, with {@code Retry-After}. */
    static Response limited(EdgeLimits.Refusal refusal) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", refusal.code());
        body.put("error_description", refusal.message());
        return Response.fromResponse(json(429, body)).header("Retry-After", refusal.retryAfterSeconds()).build();
    }

    /** The CORS preflight's answer for an endpoint browsers POST to. */
    static Response preflight() {
        return Response.noContent().header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "600").build();
    }

    /**
     * The client's credentials from a form whose {@code names} are each sent at most once and bounded, or why the
     * request is refused: {@code invalid_request} for a malformed form, else as {@link #credentials}.
     */
    static Credentials read(MultivaluedMap<String, String> form, List<String> names, String authorization) {
        if (form == null) {
            return Credentials.failed("invalid_request", "The request has no form body.");
        }
        for (String name : names) {
            List<String> values = form.get(name);
            if (values == null) {
                continue;
            }
            if (values.size() > 1) {
                return Credentials.failed("invalid_request", "The parameter " + name + " is sent more than once.");
            }
            if (values.getFirst().length() > MAX_VALUE) {
                return Credentials.failed("invalid_request", "The parameter " + name + " is longer than " + MAX_VALUE
                        + " characters.");
            }
        }
        return credentials(authorization, form);
    }

    /** A form parameter, null when absent or empty. */
    static String param(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * The client's credentials: HTTP Basic (RFC 6749 §2.3.1: id and secret form-encoded, then base64), or
     * {@code client_id} (and {@code client_secret}) in the form; an error when both ways are used, the header is
     * malformed, or no client is named.
     */
    private static Credentials credentials(String authorization, MultivaluedMap<String, String> form) {
        String formId = param(form, "client_id");
        String formSecret = param(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formSecret != null) {
                return Credentials.failed("invalid_request", "Send the client's secret one way: Basic or the form.");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Credentials.failedBasic("The Basic credentials are not base64.");
            }
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                return Credentials.failedBasic("The Basic credentials are not client_id:client_secret.");
            }
            String id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (formId != null && !formId.equals(id)) {
                return Credentials.failed("invalid_request", "The client_id in the form is not the Basic one.");
            }
            return new Credentials(ClientCredentials.basic(id, secret), true, null, null);
        }
        if (formId == null) {
            return Credentials.failed("invalid_client", "The request names no client (client_id).");
        }
        return new Credentials(formSecret == null ? ClientCredentials.none(formId)
                : ClientCredentials.post(formId, formSecret), false, null, null);
    }

    /** A client's presented credentials, or why they could not be read. */
    record Credentials(ClientCredentials client, boolean basic, String error, String description) {
        static Credentials failed(String error, String description) {
            return new Credentials(null, false, error, description);
        }

        static Credentials failedBasic(String description) {
            return new Credentials(null, true, "invalid_client", description);
        }

        Optional<Response> refusal() {
            return error == null ? Optional.empty() : Optional.of(OAuthAnswers.error(error, description, basic));
        }
    }
}
