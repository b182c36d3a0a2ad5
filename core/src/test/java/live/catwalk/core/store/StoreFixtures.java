package live.catwalk.core.store;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.analysis.domain.CachedAnalysis;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * Object mother for store tests: distinct ids, secrets and names on every call, and times that only move
 * forward from {@link #START}, with microseconds (what databases keep) and nothing finer. Not thread-safe.
 */
public final class StoreFixtures {

    /** The first instant handed out; it has a microsecond part, so a store that drops it is caught. */
    public static final Instant START = Instant.parse("2026-03-01T09:00:00.123456Z");

    private long counter;

    /** A time {@code step} seconds and microseconds after {@link #START}. */
    public static Instant at(long step) {
        return START.plusSeconds(step).plus(step, ChronoUnit.MICROS).truncatedTo(ChronoUnit.MICROS);
    }

    /** A time later than every time handed out before. */
    public Instant next() {
        return at(++counter);
    }

    public User user(String name) {
        return new User(new UserId(new UUID(0x5eedL, ++counter)), name, Role.USER, next());
    }

    public User admin(String name) {
        return new User(new UserId(new UUID(0xad31L, ++counter)), name, Role.ADMIN, next());
    }

    /** A new deployment of an npm package without a version, no variables, every optional absent. */
    public Deployment deployment(UserId owner, String name) {
        var launch = new Launch.Package(new PackageRef(PackageRef.Registry.NPM, "@acme/mcp-weather", Optional.empty()));
        return Deployment.create(deploymentId(), owner, new DeploymentSpec(name, launch, List.of(), SessionMode.SHARED),
                next());
    }

    /** Every optional present, nothing at its default, variable names not in alphabetical order (a list keeps order). */
    public Deployment fullDeployment(UserId owner, String name) {
        var spec = new DeploymentSpec(name, new Launch.Command(List.of("python3", "-m", "srv", "--flag=ü b")),
                List.of(new EnvVarName("REGION"), new EnvVarName("API_KEY")), SessionMode.ISOLATED);
        Instant created = next();
        return new Deployment(deploymentId(), owner, spec, DesiredState.STOPPED, DeploymentStatus.FAILED,
                Optional.of("exited with 3: ModuleNotFoundError"), Optional.of("machine-3d8e47"), 0, created, next());
    }

    /** A PyPI package with a pinned version. */
    public Launch pinnedPypi() {
        return pinnedPypi(List.of());
    }

    /** A PyPI package with a pinned version, run with these arguments. */
    public Launch pinnedPypi(List<String> args) {
        return new Launch.Package(new PackageRef(PackageRef.Registry.PYPI, "mcp-server-git", Optional.of("2025.1.14")),
                args);
    }

    public DeploymentId deploymentId() {
        return new DeploymentId("dep-" + ++counter);
    }

    /** A live personal token, never used. */
    public AccessToken token(UserId owner) {
        return token(owner, Optional.empty(), "cwk_");
    }

    /** A live token for one deployment, never used. */
    public AccessToken deploymentToken(UserId owner, DeploymentId deployment) {
        return token(owner, Optional.of(deployment), "cwd_");
    }

    private AccessToken token(UserId owner, Optional<DeploymentId> deployment, String kind) {
        long n = ++counter;
        return new AccessToken(new TokenId(new UUID(0x70c3L, n)), owner, deployment, "token " + n,
                kind + Long.toString(n, 36), TokenHash.of("secret-" + n), next(), Optional.empty(), Optional.empty());
    }

    /** A sealed secret under {@code keyId} whose bytes differ from every other one handed out. */
    public SealedSecret sealed(long keyId) {
        byte[] bytes = ByteBuffer.allocate(24).put((byte) 0).put((byte) 0xff).putLong(++counter)
                .putLong(counter * 0x9E3779B97F4A7C15L).array();
        return new SealedSecret(bytes, keyId);
    }

    public Credential credential(DeploymentId deployment, String name, long keyId) {
        return new Credential(deployment, new EnvVarName(name), sealed(keyId));
    }

    public DeploymentEvent event(DeploymentId deployment, DeploymentStatus from, DeploymentStatus to) {
        return new DeploymentEvent(deployment, next(), Optional.of(from), to, from + " to " + to);
    }

    public AuditEntry audit(AuditAction action, UserId actor) {
        return new AuditEntry(next(), action, Optional.of(actor), Optional.of("target-" + ++counter), "detail " + counter);
    }

    /** An analysis stored now that expires {@code ttl} later. */
    public CachedAnalysis analysis(String key, Duration ttl) {
        Instant stored = next();
        return new CachedAnalysis(key, "{\"package\":\"" + key + "\",\"tools\":[\"é\",\"日本\"]}", stored,
                stored.plus(ttl));
    }

    /** A public client from dynamic registration, one redirect URI, never used. */
    public OAuthClient registeredClient() {
        long n = ++counter;
        return new OAuthClient(OAuthClientId.generated("r" + Long.toString(n, 36) + "x".repeat(40)), "client " + n,
                List.of(URI.create("https://client-" + n + ".example/callback")), ClientAuthMethod.NONE,
                Optional.empty(), ClientKind.REGISTERED, next(), Optional.empty());
    }

    /** A confidential client from dynamic registration with its secret's hash, two redirect URIs, used once. */
    public OAuthClient confidentialClient() {
        long n = ++counter;
        Instant created = next();
        return new OAuthClient(OAuthClientId.generated("c" + Long.toString(n, 36) + "y".repeat(40)), "Tööls " + n,
                List.of(URI.create("http://127.0.0.1/cb"), URI.create("https://app.example/cb?n=" + n)),
                ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.of(TokenHash.of("client-secret-" + n)),
                ClientKind.REGISTERED, created, Optional.of(next()));
    }

    /** A client described by a metadata document at a URL of its own. */
    public OAuthClient documentClient() {
        long n = ++counter;
        return new OAuthClient(new OAuthClientId("https://client-" + n + ".example/oauth/metadata.json"),
                "Claude", List.of(URI.create("https://claude.ai/api/mcp/auth_callback")), ClientAuthMethod.NONE,
                Optional.empty(), ClientKind.METADATA_DOCUMENT, next(), Optional.empty());
    }

    /** A live grant of scope {@code mcp}, never used. */
    public Grant grant(UserId user, OAuthClientId client, DeploymentId deployment) {
        return Grant.given(new GrantId(new UUID(0x62a7L, ++counter)), user, client, deployment, Set.of("mcp"),
                next());
    }

    /** The resource URI of a deployment. */
    public static URI resource(DeploymentId deployment) {
        return URI.create("https://catwalk.example/mcp/" + deployment);
    }

    /** An unused code of {@code grant} for {@code deployment} that expires at {@code expiresAt}. */
    public AuthorizationCode code(Grant grant, Instant expiresAt) {
        long n = ++counter;
        return new AuthorizationCode(TokenHash.of("code-" + n), grant.id(),
                URI.create("https://claude.ai/api/mcp/auth_callback"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                resource(grant.deployment()), Set.of("mcp", "offline_access"), expiresAt, Optional.empty());
    }

    /** A live access token of {@code grant} issued now, expiring an hour later, from no code. */
    public OAuthToken accessToken(Grant grant) {
        return oauthToken(grant, OAuthTokenKind.ACCESS, Duration.ofHours(1), Optional.empty());
    }

    /** A live, unused refresh token of {@code grant} issued now, expiring after {@code ttl}. */
    public OAuthToken refreshToken(Grant grant, Duration ttl, Optional<TokenHash> fromCode) {
        return oauthToken(grant, OAuthTokenKind.REFRESH, ttl, fromCode);
    }

    /** A live token of {@code grant} issued now. */
    public OAuthToken oauthToken(Grant grant, OAuthTokenKind kind, Duration ttl, Optional<TokenHash> fromCode) {
        long n = ++counter;
        Instant issued = next();
        return new OAuthToken(TokenHash.of(kind + "-" + n), kind, grant.id(), resource(grant.deployment()),
                grant.scopes(), issued, issued.plus(ttl), Optional.empty(), Optional.empty(), fromCode);
    }
}
