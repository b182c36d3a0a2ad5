package live.catwalk.core.analysis.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * What an analysis of one repository at one commit concluded, each answer with the {@link Source} it rests on:
 * whether it is an MCP server, the package that runs it (confirmed by its registry, or marked as a guess), the
 * runtime, the stdio command with its required arguments, the environment variables, the tools when known, and
 * notices for a person. Immutable.
 *
 * @param deterministic whether the answer comes from the facts alone (no model was asked)
 * @param model         the model that was asked, when one was
 */
public record Analysis(Repository repository, boolean isMcpServer, Source isMcpServerSource,
                       Optional<FoundPackage> pkg, Optional<String> runtime, Optional<Source> runtimeSource,
                       List<String> command, List<Argument> requiredArgs, List<EnvVar> env, List<String> tools,
                       List<Notice> notices, boolean deterministic, Optional<String> model) {

    public Analysis {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(isMcpServerSource, "isMcpServerSource");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(runtimeSource, "runtimeSource");
        command = List.copyOf(command);
        requiredArgs = List.copyOf(requiredArgs);
        env = List.copyOf(env);
        tools = List.copyOf(tools);
        notices = List.copyOf(notices);
        Objects.requireNonNull(model, "model");
    }

    /**
     * The repository analysed: as GitHub spells it, its page, the folder of a monorepo, the ref asked for (or the
     * default branch) and the commit it named.
     */
    public record Repository(String fullName, String url, Optional<String> subdir, String ref, String commit) {
        public Repository {
            Objects.requireNonNull(fullName, "fullName");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(subdir, "subdir");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * The package that runs the server: its registry, exact name and the version to run (the registry's latest when
     * {@code confirmed}), the version the repository's manifest names if any, and whether the registry confirmed
     * the package exists. An unconfirmed package is a guess and is never deployed.
     */
    public record FoundPackage(Registry registry, String name, Optional<String> version, Optional<String> versionInRepo,
                               boolean confirmed, Source source) {
        public FoundPackage {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(versionInRepo, "versionInRepo");
            Objects.requireNonNull(source, "source");
            if (confirmed && version.isEmpty()) {
                throw new IllegalArgumentException("a confirmed package has the version to run");
            }
        }

        /** How far the package is trusted: a guess the registry did not confirm is low whatever its source. */
        public Source.Confidence confidence() {
            if (!confirmed) {
                return Source.Confidence.LOW;
            }
            return source == Source.LLM ? Source.Confidence.MEDIUM : Source.Confidence.HIGH;
        }
    }

    /**
     * An argument that must follow the package: its placeholder (e.g. {@code <allowed-directory>}), what it is,
     * and an example value when the source showed one.
     */
    public record Argument(String placeholder, Optional<String> description, Optional<String> example,
                           Source source) {
        public Argument {
            Objects.requireNonNull(placeholder, "placeholder");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(example, "example");
            Objects.requireNonNull(source, "source");
        }
    }
}
