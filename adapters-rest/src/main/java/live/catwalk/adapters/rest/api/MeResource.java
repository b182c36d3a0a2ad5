package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import java.util.Objects;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.GetMe;

/** {@code GET /api/me}: who the bearer token belongs to. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

    private final GetMe getMe;

    public MeResource(GetMe getMe) {
        this.getMe = Objects.requireNonNull(getMe, "getMe");
    }

    @GET
    public MeView me(@Context SecurityContext security) {
        User user = getMe.me(Caller.of(security));
        return new MeView(user.id().toString(), user.name(), user.role().name().toLowerCase(Locale.ROOT),
                user.createdAt().toString());
    }

    record MeView(String id, String name, String role, String createdAt) {
    }
}
