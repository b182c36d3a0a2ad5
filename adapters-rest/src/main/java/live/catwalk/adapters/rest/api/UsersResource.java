package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import java.util.Objects;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.CreateUser;
import live.catwalk.core.shared.CatwalkException;

/** {@code POST /api/users}: an admin adds a user, who gets a first personal token (shown once). */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {

    private final CreateUser createUser;

    public UsersResource(CreateUser createUser) {
        this.createUser = Objects.requireNonNull(createUser, "createUser");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, NewUser body) {
        if (body == null || body.name() == null) {
            throw CatwalkException.invalidInput("name", "A user needs a name.",
                    "Send {\"name\": \"ada\", \"role\": \"user\"}; role is user (the default) or admin.");
        }
        CreateUser.Created created = createUser.create(new CreateUser.Command(Caller.of(security), body.name(),
                role(body.role())));
        User user = created.user();
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedView(new UserView(user.id().toString(), user.name(),
                        user.role().name().toLowerCase(Locale.ROOT), user.createdAt().toString()),
                        created.token().secret()))
                .build();
    }

    private static Role role(String wire) {
        if (wire == null || wire.equals("user")) {
            return Role.USER;
        }
        if (wire.equals("admin")) {
            return Role.ADMIN;
        }
        throw CatwalkException.invalidInput("role", "'" + (wire.length() > 20 ? wire.substring(0, 20) + "…" : wire)
                + "' is not a role.", "Use user or admin.");
    }

    record NewUser(String name, String role) {
    }

    record UserView(String id, String name, String role, String createdAt) {
    }

    record CreatedView(UserView user, String token) {
    }
}
