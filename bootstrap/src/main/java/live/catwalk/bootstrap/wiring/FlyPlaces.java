package live.catwalk.bootstrap.wiring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import live.catwalk.core.account.domain.FlyAccount;
import live.catwalk.core.account.port.in.OpenFlyAccount;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;

/**
 * Where each deployment runs on Fly: in its owner's own app with their own token when their settings have both,
 * in the operator's app when they have neither, and nowhere when they have one alone (a refusal saying which
 * setting to set: never the operator's token instead). A user's place is built when first needed and kept while
 * their token and app stay the same; when either changes a new one is built and the old one dropped.
 * Thread-safe.
 */
final class FlyPlaces {

    private static final System.Logger LOG = System.getLogger(FlyPlaces.class.getName());

    /** A deployment's place, or why it has none. */
    sealed interface Route permits Place, Refused {
    }

    /**
     * A Fly runtime with its upstreams and its sweep of stray machines ({@code destroyStrays} is given what
     * reads the deployments to keep, once it has listed the machines); {@code ownApp} is the owner's own app, empty for the operator's place.
     */
    record Place(Runtime runtime, McpUpstreams upstreams, Consumer<Supplier<Set<DeploymentId>>> destroyStrays,
                 Optional<String> ownApp) implements Route {
        Place {
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(upstreams, "upstreams");
            Objects.requireNonNull(destroyStrays, "destroyStrays");
            Objects.requireNonNull(ownApp, "ownApp");
        }
    }

    /** The owner's settings do not let their deployments run; {@code reason} (secret-free) says what to fix. */
    record Refused(String reason) implements Route {
        Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Builds the place of a user's own token and app; {@link IllegalArgumentException} if the token is unusable. */
    @FunctionalInterface
    interface Builder {
        Place build(SecretValue token, String app);
    }

    private final Place operator;
    private final DeploymentRepository deployments;
    private final OpenFlyAccount accounts;
    private final Builder builder;
    /** Each user's place with a digest of the token and app it was built with. Guarded by this. */
    private final Map<UserId, Built> users = new HashMap<>();

    private record Built(byte[] digest, Place place) {
    }

    FlyPlaces(Place operator, DeploymentRepository deployments, OpenFlyAccount accounts, Builder builder) {
        this.operator = Objects.requireNonNull(operator, "operator");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** The operator's place: the configured token and app. */
    Place operator() {
        return operator;
    }

    /**
     * The deployment's route as its owner's settings say now; the operator's place for a deployment that is gone
     * (nothing of it is left to run, at most a machine to stop).
     */
    Route of(DeploymentId id) {
        Optional<Deployment> deployment = deployments.find(id);
        if (deployment.isEmpty()) {
            return operator;
        }
        UserId owner = deployment.get().owner();
        return switch (accounts.of(owner)) {
            case FlyAccount.None none -> {
                drop(owner);
                yield operator;
            }
            case FlyAccount.Unusable unusable -> {
                drop(owner);
                yield new Refused(unusable.reason());
            }
            case FlyAccount.Own own -> placeOf(owner, own);
        };
    }

    /** The operator's place and every user's place kept now. */
    synchronized List<Place> places() {
        List<Place> all = new ArrayList<>();
        all.add(operator);
        users.values().forEach(built -> all.add(built.place()));
        return List.copyOf(all);
    }

    private synchronized Route placeOf(UserId owner, FlyAccount.Own own) {
        byte[] digest = digest(own);
        Built kept = users.get(owner);
        if (kept != null && MessageDigest.isEqual(kept.digest(), digest)) {
            return kept.place();
        }
        Place place;
        try {
            place = builder.build(own.token(), own.app());
        } catch (IllegalArgumentException e) {
            users.remove(owner);
            return new Refused("your own Fly token cannot be sent to Fly (it is empty or has control characters): "
                    + "set flyApiToken again in your settings");
        }
        users.put(owner, new Built(digest, place));
        LOG.log(System.Logger.Level.INFO, "Deployments of user {0} run on their own Fly app {1}{2}", owner.value(),
                own.app(), kept == null ? "" : " (their Fly token or app changed)");
        return place;
    }

    private synchronized void drop(UserId owner) {
        if (users.remove(owner) != null) {
            LOG.log(System.Logger.Level.INFO, "User {0} no longer has their own Fly token and app", owner.value());
        }
    }

    private static byte[] digest(FlyAccount.Own own) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(own.app().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return sha.digest(own.token().reveal().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
