package live.catwalk.bootstrap.wiring;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import live.catwalk.adapters.llm.cimd.ClientMetadataFetcher;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.rest.oauth.AuthorizationServer;
import live.catwalk.adapters.rest.oauth.ResourceMetadataResource;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.core.account.port.in.AuthenticateDeploymentToken;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.usecase.AuthenticateOAuthTokenService;
import live.catwalk.core.oauth.usecase.AuthorizeService;
import live.catwalk.core.oauth.usecase.ExchangeTokenService;
import live.catwalk.core.oauth.usecase.RegisterClientService;
import live.catwalk.core.oauth.usecase.RevokeOAuthTokenService;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * Catwalk as its deployments' OAuth authorization server, over the database and the public (or bound) URL: the
 * endpoints' use cases, who may use {@code /mcp/{id}} with which challenge, and the store's pruning. The deployments
 * file's deployments have no owner to consent, so they are no protected resources: only their own tokens open them.
 */
final class OAuthWiring {

    private final Database database;
    private final ConfiguredMcpAccess fileAccess;
    private final Supplier<URI> base;
    private final Clock clock;
    private final OAuthLifetimes lifetimes;

    /** {@code lifetimes}: how long the codes and tokens issued live (as configured). */
    OAuthWiring(Database database, List<ConfiguredDeployment> fileDeployments, Supplier<URI> base, Clock clock,
                OAuthLifetimes lifetimes) {
        this.database = Objects.requireNonNull(database, "database");
        this.fileAccess = new ConfiguredMcpAccess(fileDeployments);
        this.base = Objects.requireNonNull(base, "base");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
    }

    /**
     * Deployment tokens, the access tokens this server issued, and the deployments file's tokens; a refusal (or an
     * access token's missing scope) names the deployment's resource metadata, as {@link StoredMcpAccess} says.
     */
    McpAccess mcpAccess(AuthenticateDeploymentToken deploymentTokens) {
        return new StoredMcpAccess(deploymentTokens, new AuthenticateOAuthTokenService(database.oauth(), base, clock),
                fileAccess, id -> ResourceMetadataResource.of(base.get(), id.value()));
    }

    /**
     * The endpoints' use cases, with the configured lifetimes and the SSRF-guarded metadata document fetcher, reporting
     * tokens and consents to {@code telemetry}.
     */
    AuthorizationServer authorizationServer(Telemetry telemetry) {
        SecureRandomness randomness = new SecureRandomness();
        return new AuthorizationServer(
                new AuthorizeService(database.oauth(), ClientMetadataFetcher.standard(), database.deployments(),
                        randomness, clock, base, lifetimes, telemetry),
                new ExchangeTokenService(database.oauth(), base, lifetimes, randomness, clock, telemetry),
                new RegisterClientService(database.oauth(), randomness, clock),
                new RevokeOAuthTokenService(database.oauth(), clock),
                this::isProtectedResource);
    }

    /**
     * Prunes expired codes and tokens and unused registered clients on {@code upkeep}, a minute after start-up and
     * then every 10 minutes, until {@code upkeep} is shut down (see {@link OAuthPruning}).
     */
    ScheduledFuture<?> pruneOn(ScheduledExecutorService upkeep) {
        return new OAuthPruning(database.oauth(), clock).schedule(upkeep, OAuthPruning.FIRST, OAuthPruning.EVERY);
    }

    /** Whether a deployment id, as a path names it, is a deployment of the database (not the file's). */
    private boolean isProtectedResource(String id) {
        return !fileAccess.defines(id)
                && DeploymentId.parse(id).flatMap(d -> database.deployments().find(d)).isPresent();
    }
}
