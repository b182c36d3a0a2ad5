package live.catwalk.core.analysis.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.analysis.domain.Facts.Candidate;
import live.catwalk.core.analysis.domain.Notice;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.deployment.port.out.PackageRegistry.Lookup;

/** Confirms package candidates on their registries, in order: the first that exists is the one that runs. */
final class Packages {

    /**
     * The candidate the registry confirmed and the version to run (its latest), or else the first candidate
     * (a guess); with a notice per candidate the registry did not know.
     */
    record Choice(Optional<Candidate> confirmed, Optional<String> version, Optional<Candidate> guess,
                  List<Notice> notices) {
    }

    private final PackageRegistry registry;

    Packages(PackageRegistry registry) {
        this.registry = registry;
    }

    Choice choose(List<Candidate> candidates) {
        List<Notice> notices = new ArrayList<>();
        for (Candidate c : candidates) {
            Optional<String> version = latest(c);
            if (version.isPresent()) {
                return new Choice(Optional.of(c), version, Optional.empty(), notices);
            }
            notices.add(Notice.of("package_not_published", c.source().wire() + " names the " + c.registry().wireName()
                    + " package " + c.name() + ", but " + c.registry().wireName() + " has no such package", null));
        }
        return new Choice(Optional.empty(), Optional.empty(), candidates.stream().findFirst(), notices);
    }

    /** The latest version of {@code c} on its registry; empty when the registry has no such package. */
    Optional<String> latest(Candidate c) {
        if (PackageRef.problem(c.registry(), c.name(), Optional.empty()).isPresent()) {
            return Optional.empty();
        }
        return switch (registry.lookup(new PackageRef(c.registry(), c.name(), Optional.empty()))) {
            case Lookup.Found found -> Optional.of(found.version());
            case Lookup.NoSuchPackage none -> Optional.empty();
            case Lookup.NoSuchVersion other -> Optional.of(other.latest());
        };
    }
}
