package live.catwalk.core.analysis.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A code host's read API (GitHub's REST API, or a mirror of it): a public repository, the commit a ref names, its
 * file list and its files' text, each call bounded in time and size. Thread-safe. A missing or private repository,
 * ref or file is an empty answer. Throws {@code CatwalkException}: LIMIT_EXCEEDED {@code github_rate_limited} when
 * the host's rate limit is spent (the hint gives the reset time, in UTC); UPSTREAM_UNAVAILABLE
 * {@code github_unavailable} when it cannot be asked or answers unusably (the hint names the URL asked and the
 * setting that chooses it, never a token).
 */
public interface RepositoryHost {

    /** A repository as the host describes it: {@code fullName} as the host spells it ({@code owner/name}). */
    record Repository(String fullName, String defaultBranch, Optional<String> description, boolean archived) {
        public Repository {
            Objects.requireNonNull(fullName, "fullName");
            Objects.requireNonNull(defaultBranch, "defaultBranch");
            Objects.requireNonNull(description, "description");
        }
    }

    /** A commit's file paths (files only, not folders), in the host's order; {@code truncated}: more exist. */
    record Tree(List<String> paths, boolean truncated) {
        /** The most paths kept; a larger tree is cut and marked truncated. */
        public static final int MAX_PATHS = 20_000;

        public Tree {
            paths = List.copyOf(paths);
        }
    }

    /** A file's text (UTF-8, malformed bytes replaced), cut at {@code MAX_BYTES}; {@code cut} says so. */
    record FileText(String path, String text, boolean cut) {
        /** The most bytes of one file read. */
        public static final int MAX_BYTES = 512 * 1024;

        public FileText {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The public repository {@code owner/name}; empty when the host says it does not exist or cannot be seen. */
    Optional<Repository> repository(String owner, String name);

    /** The full commit sha that {@code ref} (a branch, tag or sha) names in {@code fullName}; empty if none. */
    Optional<String> commit(String fullName, String ref);

    /** The files at commit {@code sha}. */
    Tree tree(String fullName, String sha);

    /** The file at {@code path} (relative to the repository's root) at commit {@code sha}; empty if none. */
    Optional<FileText> file(String fullName, String sha, String path);
}
