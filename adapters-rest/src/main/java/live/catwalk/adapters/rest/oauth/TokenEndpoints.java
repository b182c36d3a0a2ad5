package live.catwalk.adapters.rest.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import live.catwalk.adapters.rest.ClientAddress;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.domain.ScopePolicy;
import live.catwalk.core.oauth.port.in.ExchangeToken;
import live.catwalk.core.oauth.port.in.RegisterClient;
import live.catwalk.core.oauth.port.in.RevokeOAuthToken;
import live.catwalk.core.shared.CatwalkException;

/**
 * The authorization server's machine endpoints, at the root of the public URL (claude.ai builds these paths itself):
 * its RFC 8414 metadata, {@code POST /token}, {@code POST /register} (RFC 7591) and {@code POST /revoke} (RFC 7009).
 * Answers are OAuth's own JSON, never cached, open to browser clients of any origin. A failed client authentication or
 * grant counts against the client's address and the secret's visible prefix, and registrations against the address
 * ({@link EdgeLimits}: 429 with {@code Retry-After} and OAuth's error body).
 */
@Path("/")
public final class TokenEndpoints {

    private static final List<String> TOKEN_PARAMETERS = List.of("grant_type", "code", "redirect_uri",
            "code_verifier", "refresh_token", "resource", "scope", "client_id", "client_secret");
    private static final List<String> REVOKE_PARAMETERS = List.of("token", "token_type_hint", "client_id",
            "client_secret");
    private static final int MAX_LIST = 50;

    private final AuthorizationServer server;
    private final Supplier<URI> base;
    private final EdgeLimits limits;

    public TokenEndpoints(AuthorizationServer server, Supplier<URI> base, EdgeLimits limits) {
        this.server = Objects.requireNonNull(server, "server");
        this.base = Objects.requireNonNull(base, "base");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @GET
    @Path(".well-known/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        String issuer = ResourceUris.issuer(base.get());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("registration_endpoint", issuer + "/register");
        doc.put("revocation_endpoint", issuer + "/revoke");
        doc.put("response_types_supported", List.of("code"));
        doc.put("response_modes_supported", List.of("query"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        List<String> methods = List.of("none", "client_secret_post", "client_secret_basic");
        doc.put("token_endpoint_auth_methods_supported", methods);
        doc.put("revocation_endpoint_auth_methods_supported", methods);
        doc.put("scopes_supported", List.of(ScopePolicy.MCP, ScopePolicy.OFFLINE_ACCESS));
        doc.put("client_id_metadata_document_supported", true);
        doc.put("authorization_response_iss_parameter_supported", true);
        return Response.ok(doc).header("Access-Control-Allow-Origin", "*").header("Cache-Control", "max-age=300")
                .build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @Context ContainerRequestContext request) {
        String address = ClientAddress.of(request);
        OAuthAnswers.Credentials credentials = OAuthAnswers.read(form, TOKEN_PARAMETERS, authorization);
        Optional<String> grant = form == null ? Optional.empty() : Optional.ofNullable(OAuthAnswers.param(form, "code"))
                .or(() -> Optional.ofNullable(OAuthAnswers.param(form, "refresh_token")));
        Optional<Response> limited = limited(address, credentials, grant);
        if (limited.isPresent()) {
            return limited.get();
        }
        if (credentials.refusal().isPresent()) {
            return counted(address, credentials, grant, credentials.error(), credentials.refusal().get());
        }
        ExchangeToken.Result result = server.token().exchange(new ExchangeToken.Command(
                OAuthAnswers.param(form, "grant_type"), OAuthAnswers.param(form, "code"),
                OAuthAnswers.param(form, "redirect_uri"), OAuthAnswers.param(form, "code_verifier"),
                OAuthAnswers.param(form, "refresh_token"), OAuthAnswers.param(form, "resource"),
                OAuthAnswers.param(form, "scope"), credentials.client()));
        return switch (result) {
            case ExchangeToken.Result.Issued issued -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("access_token", issued.accessToken());
                body.put("token_type", issued.tokenType());
                body.put("expires_in", issued.expiresIn());
                issued.refreshToken().ifPresent(r -> body.put("refresh_token", r));
                body.put("scope", issued.scope());
                yield OAuthAnswers.json(200, body);
            }
            case ExchangeToken.Result.Refused refused -> counted(address, credentials, grant, refused.error().code(),
                    OAuthAnswers.error(refused.error().code(), refused.description(), credentials.basic()));
        };
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(MultivaluedMap<String, String> form,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context ContainerRequestContext request) {
        String address = ClientAddress.of(request);
        OAuthAnswers.Credentials credentials = OAuthAnswers.read(form, REVOKE_PARAMETERS, authorization);
        Optional<Response> limited = limited(address, credentials, Optional.empty());
        if (limited.isPresent()) {
            return limited.get();
        }
        if (credentials.refusal().isPresent()) {
            return counted(address, credentials, Optional.empty(), credentials.error(), credentials.refusal().get());
        }
        RevokeOAuthToken.Result result = server.revoke().revoke(new RevokeOAuthToken.Command(
                OAuthAnswers.param(form, "token"), OAuthAnswers.param(form, "token_type_hint"), credentials.client()));
        return switch (result) {
            case RevokeOAuthToken.Result.Accepted accepted -> Response.ok().header("Cache-Control", "no-store")
                    .header("Access-Control-Allow-Origin", "*").build();
            case RevokeOAuthToken.Result.Refused refused -> counted(address, credentials, Optional.empty(),
                    refused.error().code(), OAuthAnswers.error(refused.error().code(), refused.description(),
                            credentials.basic()));
        };
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(JsonNode body, @Context ContainerRequestContext request) {
        Optional<EdgeLimits.Refusal> tooMany = limits.registration(ClientAddress.of(request));
        if (tooMany.isPresent()) {
            return OAuthAnswers.limited(tooMany.get());
        }
        if (body == null || !body.isObject()) {
            return OAuthAnswers.error("invalid_client_metadata", "The body is a JSON object of client metadata.",
                    false);
        }
        RegisterClient.Registration r;
        try {
            r = server.register().register(new RegisterClient.Command(strings(body, "redirect_uris"),
                    text(body, "token_endpoint_auth_method"), text(body, "client_name"), strings(body, "grant_types"),
                    strings(body, "response_types")));
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.INVALID_INPUT) {
                throw e;
            }
            return OAuthAnswers.error(e.code(), e.getMessage(), false);
        } catch (IllegalArgumentException e) {
            return OAuthAnswers.error("invalid_client_metadata", "A field has the wrong type or is too long.", false);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("client_id", r.clientId().value());
        answer.put("client_id_issued_at", r.clientIdIssuedAt());
        r.clientSecret().ifPresent(s -> answer.put("client_secret", s));
        r.clientSecretExpiresAt().ifPresent(at -> answer.put("client_secret_expires_at", at));
        answer.put("client_name", r.clientName());
        answer.put("redirect_uris", r.redirectUris().stream().map(URI::toString).toList());
        answer.put("token_endpoint_auth_method", r.tokenEndpointAuthMethod());
        answer.put("grant_types", r.grantTypes());
        answer.put("response_types", r.responseTypes());
        return OAuthAnswers.json(201, answer);
    }

    @OPTIONS
    @Path("token")
    public Response tokenPreflight() {
        return OAuthAnswers.preflight();
    }

    @OPTIONS
    @Path("register")
    public Response registerPreflight() {
        return OAuthAnswers.preflight();
    }

    @OPTIONS
    @Path("revoke")
    public Response revokePreflight() {
        return OAuthAnswers.preflight();
    }

    /** 429 when the address, the client's secret or the grant's code or token failed too often. */
    private Optional<Response> limited(String address, OAuthAnswers.Credentials credentials, Optional<String> grant) {
        Optional<String> secret = credentials.client() == null ? Optional.empty() : credentials.client().secret();
        return limits.authentication(address, secret).or(() -> limits.authentication(address, grant))
                .map(OAuthAnswers::limited);
    }

    /** {@code answer}, after counting a failed client authentication ({@code invalid_client}) or grant. */
    private Response counted(String address, OAuthAnswers.Credentials credentials, Optional<String> grant,
                             String error, Response answer) {
        if (TokenError.INVALID_CLIENT.code().equals(error)) {
            limits.failed(address, credentials.client() == null ? Optional.empty() : credentials.client().secret());
        } else if (TokenError.INVALID_GRANT.code().equals(error)) {
            limits.failed(address, grant);
        }
        return answer;
    }

    /** A string field, null when absent; IllegalArgumentException when it is something else. */
    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().length() > OAuthAnswers.MAX_VALUE) {
            throw new IllegalArgumentException(field);
        }
        return n.textValue();
    }

    /** An array of strings, null when absent; IllegalArgumentException when it is something else or too long. */
    private static List<String> strings(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() > MAX_LIST) {
            throw new IllegalArgumentException(field);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual() || item.textValue().length() > OAuthAnswers.MAX_VALUE) {
                throw new IllegalArgumentException(field);
            }
            out.add(item.textValue());
        }
        return out;
    }
}
