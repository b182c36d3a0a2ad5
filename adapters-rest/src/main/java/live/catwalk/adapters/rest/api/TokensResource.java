package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.account.port.in.ListTokens;
import live.catwalk.core.account.port.in.RevokeToken;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/tokens}: the caller's personal access tokens; a secret is shown once, when issued. An admin may
 * {@code DELETE} any user's personal token by id.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {

    private final IssueToken issueToken;
    private final ListTokens listTokens;
    private final RevokeToken revokeToken;

    public TokensResource(IssueToken issueToken, ListTokens listTokens, RevokeToken revokeToken) {
        this.issueToken = Objects.requireNonNull(issueToken, "issueToken");
        this.listTokens = Objects.requireNonNull(listTokens, "listTokens");
        this.revokeToken = Objects.requireNonNull(revokeToken, "revokeToken");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@Context SecurityContext security, NewToken body) {
        if (body.name() == null) {
            throw CatwalkException.invalidInput("name", "A token needs a name.", "Send {\"name\": \"laptop\"}.");
        }
        IssuedToken issued = issueToken.issue(new IssueToken.Command(Caller.of(security), body.name()));
        AccessToken token = issued.token();
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedView(token.id().toString(), token.name(), token.prefix(),
                        token.createdAt().toString(), issued.secret()))
                .build();
    }

    @GET
    public Items<TokenView> list(@Context SecurityContext security) {
        return new Items<>(listTokens.list(Caller.of(security)).stream().map(TokenView::of).toList());
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@Context SecurityContext security, @PathParam("id") String id) {
        revokeToken.revoke(Caller.of(security), Params.tokenId(id));
        return Response.noContent().build();
    }

    record NewToken(String name) {
    }

    record IssuedView(String id, String name, String prefix, String createdAt, String token) {
    }

    record TokenView(String id, String name, String prefix, String createdAt, String lastUsedAt, String revokedAt) {

        static TokenView of(AccessToken t) {
            return new TokenView(t.id().toString(), t.name(), t.prefix(), t.createdAt().toString(),
                    t.lastUsedAt().map(Instant::toString).orElse(null),
                    t.revokedAt().map(Instant::toString).orElse(null));
        }
    }

    record Items<T>(List<T> items) {
    }
}
