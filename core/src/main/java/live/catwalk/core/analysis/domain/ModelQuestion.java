package live.catwalk.core.analysis.domain;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a model is asked about one repository, bounded so that one question costs little: the repository's name,
 * an excerpt of its README, some of its file paths, what the facts already say, and the gaps to fill. Immutable.
 */
public record ModelQuestion(String repository, String readmeExcerpt, List<String> paths, String knownFacts,
                            Set<Gap> gaps) {

    /** The longest README excerpt sent (characters). */
    public static final int MAX_README = 12_000;
    /** The most file paths sent. */
    public static final int MAX_PATHS = 200;
    /** The longest summary of the known facts sent (characters). */
    public static final int MAX_FACTS = 4_000;

    /** What the facts could not answer. */
    public enum Gap {
        /** Whether the repository is an MCP server at all. */
        IS_MCP_SERVER,
        /** The npm or PyPI package that runs it. */
        PACKAGE,
        /** The environment variables it reads. */
        ENV,
        /** The arguments that must follow the package. */
        ARGS
    }

    public ModelQuestion {
        Objects.requireNonNull(repository, "repository");
        readmeExcerpt = cut(Objects.requireNonNull(readmeExcerpt, "readmeExcerpt"), MAX_README);
        paths = Objects.requireNonNull(paths, "paths").stream().limit(MAX_PATHS).toList();
        knownFacts = cut(Objects.requireNonNull(knownFacts, "knownFacts"), MAX_FACTS);
        gaps = Set.copyOf(gaps);
        if (gaps.isEmpty()) {
            throw new IllegalArgumentException("a question has at least one gap to fill");
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
