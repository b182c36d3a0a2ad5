package live.catwalk.core.analysis.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server in the official MCP registry as Catwalk lists it: what its {@code server.json} says about it, and
 * whether Catwalk can deploy it ({@code deployable}: an npm or PyPI package run over stdio) or it is only reachable
 * as someone else's remote ({@code remoteOnly}). Immutable.
 *
 * @param packages the stdio packages Catwalk can run, as {@code npm:name@version}
 */
public record RegistryListing(String name, Optional<String> title, Optional<String> description,
                              Optional<String> version, Optional<String> repositoryUrl, Optional<String> status,
                              boolean deployable, boolean remoteOnly, List<String> packages) {

    public RegistryListing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(repositoryUrl, "repositoryUrl");
        Objects.requireNonNull(status, "status");
        packages = List.copyOf(packages);
    }

    /** The listing of a registry entry {@code name} whose {@code server.json} was read as {@code server}. */
    public static RegistryListing of(String name, ServerJson server, Optional<String> status) {
        List<String> runnable = server.packages().stream().map(p -> p.registry().wireName() + ":" + p.identifier()
                + p.version().map(v -> "@" + v).orElse("")).toList();
        return new RegistryListing(name, server.title(), server.description(), server.version(),
                server.repositoryUrl(), status, !runnable.isEmpty(),
                runnable.isEmpty() && server.otherPackages().isEmpty() && server.hasRemotes(), runnable);
    }
}
