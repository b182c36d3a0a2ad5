package live.catwalk.adapters.rest.api;

import java.net.URI;
import java.time.Instant;
import live.catwalk.core.analysis.domain.DeployForm;
import live.catwalk.core.analysis.port.in.AnalyseRepository;
import live.catwalk.core.analysis.port.in.BrowseMcpRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.CreateUser;
import live.catwalk.core.account.port.in.DisableUser;
import live.catwalk.core.account.port.in.EnableUser;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.ReplaceDeploymentEnv;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException;

/**
 * The control plane's use cases in memory, just faithful enough for the REST edge: two users, personal
 * tokens, settings, and deployments that move between states when asked. Single-threaded use per test, but
 * for the deployments and their log, which event streams read on their own threads.
 */
final class FakeControlPlane {

    static final String ALICE_TOKEN = "cwk_aliceSecret0000000000";
    static final String BOB_TOKEN = "cwk_bobSecret00000000000000";
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    final Map<UserId, Boolean> disabled = new HashMap<>();
    final User alice = new User(new UserId(UUID.fromString("00000000-0000-0000-0000-00000000a11c")), "alice",
            Role.ADMIN, T0);
    final User bob = new User(new UserId(UUID.fromString("00000000-0000-0000-0000-000000000b0b")), "bob",
            Role.USER, T0);
    final Map<String, Principal> principals = new HashMap<>();
    final List<String> presentedTokens = new CopyOnWriteArrayList<>();
    final List<AccessToken> tokens = new ArrayList<>();
    final Map<UserId, Map<SettingName, String>> settings = new HashMap<>();
    /** The settings this Catwalk uses: all unless a test says otherwise before the server starts. */
    Set<SettingName> settingsInUse = EnumSet.allOf(SettingName.class);
    final Map<DeploymentId, Deployment> deployments = new ConcurrentHashMap<>();
    /** The connected applications a test serves; none (an empty list everywhere) when null. */
    live.catwalk.core.oauth.port.in.ConnectedApps apps;
    /** Every deployment's log: what a running server printed. */
    final List<String> log = new CopyOnWriteArrayList<>(List.of("line 1", "line 2", "line 3"));
    final Map<DeploymentId, Map<String, String>> env = new HashMap<>();
    /** The deployments file's deployments, shown to admins only. */
    final List<FileDeployment> fileDeployments = new ArrayList<>();
    private int counter;

    FakeControlPlane() {
        principals.put(ALICE_TOKEN, new Principal(alice.id(), alice.role(), new TokenId(new UUID(1, 1))));
        principals.put(BOB_TOKEN, new Principal(bob.id(), bob.role(), new TokenId(new UUID(2, 2))));
    }

    /** Browser sessions over this fake's tokens: a session stands for the token it was opened with. */
    final Map<String, Principal> openSessions = new HashMap<>();
    final live.catwalk.core.account.port.in.BrowserSessions sessions =
            new live.catwalk.core.account.port.in.BrowserSessions() {
                @Override
                public Optional<SignedIn> signIn(String personalToken) {
                    return FakeControlPlane.this.authenticate(personalToken).map(p -> {
                        String secret = "cws_" + (++counter) + "session";
                        openSessions.put(secret, p);
                        return new SignedIn(secret, live.catwalk.core.account.domain.BrowserSession.csrfFor(secret), p,
                                Instant.parse("2026-12-12T00:00:00Z"));
                    });
                }

                @Override
                public Optional<Principal> authenticate(String secret) {
                    return Optional.ofNullable(openSessions.get(secret));
                }

                @Override
                public void signOut(String secret) {
                    openSessions.remove(secret);
                }
            };

    ControlPlane controlPlane(Optional<URI> publicUrl) {
        var accounts = new ControlPlane.Accounts(this::authenticate, this::me, this::issue, this::tokens,
                this::revoke, this::setNames, this::update, this::createUser, this::users, this::disable,
                this::enable, this::userTokens, sessions);
        var deploys = new ControlPlane.Deployments(this::create, this::get, this::list,
                (c, id) -> want(c, id, DesiredState.STOPPED, DeploymentStatus.STOPPED),
                (c, id) -> want(c, id, DesiredState.RUNNING, DeploymentStatus.STARTING),
                (c, id) -> want(c, id, DesiredState.RUNNING, DeploymentStatus.STARTING),
                this::delete, this::replaceEnv, this::rotate, this::events, this::logs,
                caller -> caller.isAdmin() ? List.copyOf(fileDeployments) : List.of());
        var analyses = new ControlPlane.Analyses(
                (caller, repo, force) -> new AnalyseRepository.Result.Rejected(List.of(
                        ValidationProblem.of("repo", "is not analysed by this fake", null))),
                (caller, id) -> Optional.empty(),
                command -> new CreateDeployment.Result.Rejected(List.of(
                        ValidationProblem.of("analysisId", "was not found", null))),
                new BrowseMcpRegistry() {
                    @Override
                    public Page search(Optional<String> query, Optional<String> cursor, int limit) {
                        return new Page(List.of(), Optional.empty());
                    }

                    @Override
                    public Optional<DeployForm> form(String name) {
                        return Optional.empty();
                    }
                });
        ControlPlane plane = apps == null ? new ControlPlane(accounts, deploys, analyses, publicUrl)
                : new ControlPlane(accounts, deploys, analyses, apps, publicUrl);
        return new ControlPlane(plane.accounts(), plane.deployments(), plane.analyses(), plane.apps(),
                plane.publicUrl(), settingsInUse);
    }

    /** The fixed tokens, and the tokens issued here until they are revoked. */
    Optional<Principal> authenticate(String token) {
        presentedTokens.add(token);
        Principal fixed = principals.get(token);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        TokenHash hash = TokenHash.of(token);
        return tokens.stream().filter(t -> !t.isRevoked() && t.hash().equals(hash)).findFirst()
                .flatMap(t -> principals.values().stream().filter(p -> p.user().equals(t.owner())).findFirst());
    }

    User me(Principal caller) {
        return caller.user().equals(alice.id()) ? alice : bob;
    }

    CreateUser.Created createUser(CreateUser.Command command) {
        if (!command.caller().isAdmin()) {
            throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "Only an admin can create users.");
        }
        User user = new User(new UserId(UUID.randomUUID()), command.name(), command.role(), T0);
        return new CreateUser.Created(user, issue(new IssueToken.Command(
                new Principal(user.id(), user.role(), new TokenId(UUID.randomUUID())), "initial token")));
    }

    List<User> users(Principal caller, int offset, int limit) {
        requireAdmin(caller);
        return List.of(alice, bob).stream().map(u -> u.withDisabled(disabled.getOrDefault(u.id(), false)))
                .skip(offset).limit(limit).toList();
    }

    DisableUser.Disabled disable(Principal caller, UserId id) {
        requireAdmin(caller);
        User user = List.of(alice, bob).stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> CatwalkException.notFound("No such user."));
        if (id.equals(caller.user())) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "You cannot disable yourself.");
        }
        disabled.put(id, true);
        principals.values().removeIf(p -> p.user().equals(id));
        int stopped = 0;
        for (Deployment d : List.copyOf(deployments.values())) {
            if (d.owner().equals(id)) {
                want(caller, d.id(), DesiredState.STOPPED, DeploymentStatus.STOPPED);
                stopped++;
            }
        }
        return new DisableUser.Disabled(user.withDisabled(true), 1, stopped);
    }

    EnableUser.Enabled enable(Principal caller, UserId id) {
        requireAdmin(caller);
        if (!disabled.getOrDefault(id, false)) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "The user is not disabled.");
        }
        disabled.put(id, false);
        User user = id.equals(alice.id()) ? alice : bob;
        return new EnableUser.Enabled(user, issue(new IssueToken.Command(
                new Principal(id, user.role(), new TokenId(UUID.randomUUID())), "token after re-enabling")));
    }

    List<AccessToken> userTokens(Principal caller, UserId id) {
        requireAdmin(caller);
        if (!id.equals(alice.id()) && !id.equals(bob.id())) {
            throw CatwalkException.notFound("No such user.");
        }
        return tokens(new Principal(id, Role.USER, new TokenId(UUID.randomUUID())));
    }

    private static void requireAdmin(Principal caller) {
        if (!caller.isAdmin()) {
            throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "Only an admin can manage users.");
        }
    }

    IssuedToken issue(IssueToken.Command command) {
        if (command.name().isBlank() || command.name().length() > 100) {
            throw CatwalkException.invalidInput("name", "A token name is 1-100 characters.", null);
        }
        String secret = "cwk_issued" + (++counter) + "xyzSECRET";
        var token = new AccessToken(new TokenId(UUID.randomUUID()), command.caller().user(), Optional.empty(),
                command.name(), "cwk_issued" + counter, TokenHash.of(secret), T0.plusSeconds(counter),
                Optional.empty(), Optional.empty());
        tokens.add(token);
        return new IssuedToken(token, secret);
    }

    List<AccessToken> tokens(Principal caller) {
        return tokens.stream().filter(t -> t.owner().equals(caller.user()))
                .sorted(Comparator.comparing(AccessToken::createdAt).reversed()).toList();
    }

    void revoke(Principal caller, TokenId id) {
        for (int i = 0; i < tokens.size(); i++) {
            AccessToken t = tokens.get(i);
            if (t.id().equals(id) && (caller.isAdmin() || t.owner().equals(caller.user())) && !t.isRevoked()) {
                tokens.set(i, new AccessToken(t.id(), t.owner(), t.deployment(), t.name(), t.prefix(), t.hash(),
                        t.createdAt(), t.lastUsedAt(), Optional.of(T0.plusSeconds(3600))));
                return;
            }
        }
        throw CatwalkException.notFound("No such token.");
    }

    Set<SettingName> setNames(Principal caller) {
        return Set.copyOf(settings.getOrDefault(caller.user(), Map.of()).keySet());
    }

    void update(UpdateSettings.Command command) {
        var mine = settings.computeIfAbsent(command.caller().user(), u -> new EnumMap<>(SettingName.class));
        command.changes().forEach((name, value) -> value.map(SecretValue::reveal)
                .ifPresentOrElse(v -> mine.put(name, v), () -> mine.remove(name)));
    }

    /** As core: a variable sent as null is a problem. */
    private static List<ValidationProblem> nullValues(Map<String, String> env) {
        return env.entrySet().stream().filter(e -> e.getValue() == null)
                .map(e -> ValidationProblem.of("env." + e.getKey(), "must be a string", null)).toList();
    }

    CreateDeployment.Result create(CreateDeployment.Command c) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (c.name() == null || c.name().isBlank()) {
            problems.add(ValidationProblem.of("name", c.name() == null ? "is required" : "is blank", "Give it a name."));
        }
        if (c.pkg().isPresent() == c.command().isPresent()) {
            problems.add(ValidationProblem.of("package", "exactly one of package and command is needed", null));
        }
        c.pkg().ifPresent(p -> {
            if (!List.of("npm", "pypi").contains(p.registry())) {
                problems.add(ValidationProblem.of("package.registry", "is not npm or pypi", "Use npm or pypi."));
            }
        });
        c.env().keySet().forEach(name -> EnvVarName.problem(name)
                .ifPresent(p -> problems.add(ValidationProblem.of("env." + name, p, null))));
        problems.addAll(nullValues(c.env()));
        if (!problems.isEmpty()) {
            return new CreateDeployment.Result.Rejected(problems);
        }
        Launch launch = c.pkg().<Launch>map(p -> new Launch.Package(new PackageRef(
                PackageRef.Registry.valueOf(p.registry().toUpperCase()), p.name(), p.version()), p.args()))
                .orElseGet(() -> new Launch.Command(c.command().orElseThrow()));
        var id = new DeploymentId("dep-" + (++counter));
        var spec = new DeploymentSpec(c.name(), launch, c.env().keySet().stream().sorted().map(EnvVarName::new)
                .toList(), c.sessionMode().map(m -> SessionMode.valueOf(m.toUpperCase())).orElse(SessionMode.SHARED));
        var deployment = Deployment.create(id, c.caller().user(), spec, T0.plusSeconds(counter));
        deployments.put(id, deployment);
        env.put(id, Map.copyOf(c.env()));
        return new CreateDeployment.Result.Created(deployment, deploymentToken(c.caller(), id));
    }

    Deployment get(Principal caller, DeploymentId id) {
        Deployment d = deployments.get(id);
        if (d == null || !(caller.isAdmin() || d.owner().equals(caller.user()))) {
            throw CatwalkException.notFound("No such deployment.");
        }
        return d;
    }

    /** Only the owner's, as core's variables, token, events and logs use cases. */
    Deployment owned(Principal caller, DeploymentId id) {
        Deployment d = get(caller, id);
        if (!d.owner().equals(caller.user())) {
            throw CatwalkException.notFound("No such deployment.");
        }
        return d;
    }

    List<Deployment> list(Principal caller, int offset, int limit) {
        return deployments.values().stream().filter(d -> d.owner().equals(caller.user()))
                .sorted(Comparator.comparing(Deployment::createdAt).reversed())
                .skip(offset).limit(limit).toList();
    }

    Deployment want(Principal caller, DeploymentId id, DesiredState wanted, DeploymentStatus next) {
        Deployment d = get(caller, id).want(wanted, T0.plusSeconds(1000));
        d = d.status().canMoveTo(next) ? d.moveTo(next, Optional.empty(), T0.plusSeconds(1000)) : d;
        deployments.put(id, d);
        return d;
    }

    void delete(Principal caller, DeploymentId id) {
        get(caller, id);
        deployments.remove(id);
    }

    ReplaceDeploymentEnv.Result replaceEnv(Principal caller, DeploymentId id, Map<String, String> vars) {
        Deployment d = owned(caller, id);
        var problems = new ArrayList<>(vars.keySet().stream().flatMap(name -> EnvVarName.problem(name)
                .map(p -> ValidationProblem.of("env." + name, p, "Rename it.")).stream()).toList());
        problems.addAll(nullValues(vars));
        if (!problems.isEmpty()) {
            return new ReplaceDeploymentEnv.Result.Rejected(problems);
        }
        var spec = d.spec();
        d = d.withSpec(new DeploymentSpec(spec.name(), spec.launch(),
                vars.keySet().stream().sorted().map(EnvVarName::new).toList(), spec.sessionMode()), T0);
        deployments.put(id, d);
        env.put(id, Map.copyOf(vars));
        return new ReplaceDeploymentEnv.Result.Replaced(d);
    }

    IssuedToken rotate(Principal caller, DeploymentId id) {
        owned(caller, id);
        return deploymentToken(caller, id);
    }

    List<DeploymentEvent> events(Principal caller, DeploymentId id, int limit) {
        owned(caller, id);
        return List.of(new DeploymentEvent(id, T0, Optional.empty(), DeploymentStatus.PENDING, "created"),
                new DeploymentEvent(id, T0.plusSeconds(1), Optional.of(DeploymentStatus.PENDING),
                        DeploymentStatus.STARTING, "starting")).subList(0, Math.min(limit, 2));
    }

    List<String> logs(Principal caller, DeploymentId id, int lines) {
        owned(caller, id);
        List<String> all = List.copyOf(log);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    private IssuedToken deploymentToken(Principal caller, DeploymentId id) {
        String secret = "cwd_dep" + (++counter) + "SECRETxyz";
        var token = new AccessToken(new TokenId(UUID.randomUUID()), caller.user(), Optional.of(id), "mcp",
                "cwd_dep" + counter, TokenHash.of(secret), T0, Optional.empty(), Optional.empty());
        return new IssuedToken(token, secret);
    }
}
