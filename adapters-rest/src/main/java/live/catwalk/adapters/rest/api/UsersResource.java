package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.CreateUser;
import live.catwalk.core.account.port.in.DisableUser;
import live.catwalk.core.account.port.in.EnableUser;
import live.catwalk.core.account.port.in.ListUserTokens;
import live.catwalk.core.account.port.in.ListUsers;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/users}, for admins only: add a user, who gets a first personal token (shown once), page through
 * the users and a user's personal tokens, disable one (their tokens revoked, their deployments stopped) and enable
 * them again with a new token.
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {

    private final CreateUser createUser;
    private final ListUsers listUsers;
    private final DisableUser disableUser;
    private final EnableUser enableUser;
    private final ListUserTokens listUserTokens;

    public UsersResource(CreateUser createUser, ListUsers listUsers, DisableUser disableUser, EnableUser enableUser,
                         ListUserTokens listUserTokens) {
        this.createUser = Objects.requireNonNull(createUser, "createUser");
        this.listUsers = Objects.requireNonNull(listUsers, "listUsers");
        this.disableUser = Objects.requireNonNull(disableUser, "disableUser");
        this.enableUser = Objects.requireNonNull(enableUser, "enableUser");
        this.listUserTokens = Objects.requireNonNull(listUserTokens, "listUserTokens");
    }

    @GET
    public Page list(@Context SecurityContext security, @QueryParam("offset") String offsetParam,
                     @QueryParam("limit") String limitParam) {
        Principal caller = Caller.of(security);
        int offset = Params.intParam("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
        int limit = Params.intParam("limit", limitParam, DeploymentsResource.DEFAULT_PAGE, 1,
                DeploymentsResource.MAX_PAGE);
        return new Page(listUsers.list(caller, offset, limit).stream().map(UserView::of).toList(), offset, limit);
    }

    @POST
    @Path("{id}/disable")
    public DisabledView disable(@Context SecurityContext security, @PathParam("id") String id) {
        Principal caller = Caller.of(security);
        DisableUser.Disabled disabled = disableUser.disable(caller, target(caller, id));
        return new DisabledView(UserView.of(disabled.user()), disabled.tokensRevoked(), disabled.deploymentsStopped());
    }

    @POST
    @Path("{id}/enable")
    public CreatedView enable(@Context SecurityContext security, @PathParam("id") String id) {
        Principal caller = Caller.of(security);
        EnableUser.Enabled enabled = enableUser.enable(caller, target(caller, id));
        return new CreatedView(UserView.of(enabled.user()), enabled.token().secret());
    }

    @GET
    @Path("{id}/tokens")
    public TokensResource.Items<TokensResource.TokenView> tokens(@Context SecurityContext security,
                                                                 @PathParam("id") String id) {
        Principal caller = Caller.of(security);
        return new TokensResource.Items<>(listUserTokens.list(caller, target(caller, id)).stream()
                .map(TokensResource.TokenView::of).toList());
    }

    /** The role is checked before the id, so that a non-admin gets 403 on these routes whatever the id. */
    private static UserId target(Principal caller, String id) {
        if (!caller.isAdmin()) {
            throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "Only an admin can manage users.");
        }
        return Params.userId(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, NewUser body) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (body.name() == null) {
            problems.add(ValidationProblem.of("name", "A user needs a name.",
                    "Send {\"name\": \"ada\", \"role\": \"user\"}; role is user (the default) or admin."));
        }
        Optional<Role> role = role(body.role(), problems);
        if (!problems.isEmpty()) {
            return ValidationFailed.refuse(problems);
        }
        CreateUser.Created created = createUser.create(new CreateUser.Command(Caller.of(security), body.name(),
                role.orElseThrow()));
        User user = created.user();
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedView(UserView.of(user), created.token().secret()))
                .build();
    }

    private static Optional<Role> role(String wire, List<ValidationProblem> problems) {
        if (wire == null || wire.equals("user")) {
            return Optional.of(Role.USER);
        }
        if (wire.equals("admin")) {
            return Optional.of(Role.ADMIN);
        }
        problems.add(ValidationProblem.of("role", "'" + (wire.length() > 20 ? wire.substring(0, 20) + "…" : wire)
                + "' is not a role.", "Use user or admin."));
        return Optional.empty();
    }

    record NewUser(String name, String role) {
    }

    record UserView(String id, String name, String role, boolean disabled, String createdAt) {

        static UserView of(User user) {
            return new UserView(user.id().toString(), user.name(), user.role().name().toLowerCase(Locale.ROOT),
                    user.disabled(), user.createdAt().toString());
        }
    }

    record Page(List<UserView> items, int offset, int limit) {
    }

    record DisabledView(UserView user, int tokensRevoked, int deploymentsStopped) {
    }

    record CreatedView(UserView user, String token) {
    }
}
