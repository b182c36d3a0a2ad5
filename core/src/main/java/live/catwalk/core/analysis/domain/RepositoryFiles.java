package live.catwalk.core.analysis.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files of a repository (or of one folder of it, its {@code scope}) that an analysis reads: which to fetch
 * from the file list ({@link #toRead}), and their texts once fetched, by path relative to the scope. Immutable.
 *
 * @param paths the scope's file paths, relative to it
 * @param texts the texts read, by path relative to the scope
 */
public record RepositoryFiles(Optional<String> scope, List<String> paths, boolean listCut, Map<String, String> texts) {

    /** The manifests and documents read when present, by name in the scope's top folder. */
    public static final List<String> MANIFESTS = List.of("server.json", "smithery.yaml", "smithery.yml",
            "package.json", "pyproject.toml", "requirements.txt", "Dockerfile", ".env.example");
    /** The README names tried, in order. */
    public static final List<String> READMES = List.of("README.md", "readme.md", "Readme.md", "README.markdown",
            "README.rst", "README.txt", "README");
    /** The most source files read for the variables they read. */
    public static final int MAX_CODE_FILES = 12;

    private static final Set<String> CODE_EXTENSIONS = Set.of(".ts", ".js", ".mjs", ".cjs", ".mts", ".py");
    private static final Pattern NOT_SERVER_CODE = Pattern.compile(
            "(^|/)(node_modules|dist|build|out|vendor|examples?|docs?|tests?|__tests__|spec|scripts|\\.[^/]+)/"
                    + "|\\.(test|spec|d)\\.[a-z]+$|(^|/)(test_[^/]*|[^/]*_test)\\.py$");
    private static final Pattern LIKELY_ENTRY = Pattern.compile(
            "(^|/)(index|server|main|app|cli|config|env|settings|__main__|mcp[^/]*)\\.[a-z]+$");

    public RepositoryFiles {
        Objects.requireNonNull(scope, "scope");
        paths = List.copyOf(paths);
        texts = Map.copyOf(texts);
    }

    /**
     * The paths of {@code tree} (the whole repository's, relative to its root) to fetch for the folder {@code scope}:
     * its README, its manifests and up to {@link #MAX_CODE_FILES} source files likeliest to read the server's
     * configuration. When the tree was cut, the README and manifests are asked for even if not listed.
     */
    public static List<String> toRead(List<String> tree, boolean treeCut, Optional<String> scope) {
        String prefix = scope.map(s -> s + "/").orElse("");
        Set<String> listed = Set.copyOf(tree);
        List<String> wanted = new ArrayList<>();
        READMES.stream().map(r -> prefix + r).filter(p -> listed.contains(p)).findFirst().ifPresentOrElse(wanted::add,
                () -> {
                    if (treeCut) {
                        wanted.add(prefix + READMES.getFirst());
                    }
                });
        MANIFESTS.stream().map(m -> prefix + m).filter(p -> treeCut || listed.contains(p)).forEach(wanted::add);
        tree.stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length()))
                .filter(RepositoryFiles::isServerCode)
                .sorted(Comparator.comparingInt(RepositoryFiles::rank).thenComparing(p -> p))
                .limit(MAX_CODE_FILES).map(p -> prefix + p).forEach(wanted::add);
        return List.copyOf(wanted);
    }

    /** The scope's paths of {@code tree}, relative to the scope. */
    public static List<String> inScope(List<String> tree, Optional<String> scope) {
        String prefix = scope.map(s -> s + "/").orElse("");
        return tree.stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length())).toList();
    }

    /** The files read, {@code fetched} by path relative to the repository's root, re-keyed to the scope. */
    public static RepositoryFiles of(Optional<String> scope, List<String> tree, boolean treeCut,
                                     Map<String, String> fetched) {
        String prefix = scope.map(s -> s + "/").orElse("");
        Map<String, String> texts = new LinkedHashMap<>();
        fetched.forEach((path, text) -> {
            if (path.startsWith(prefix)) {
                texts.put(path.substring(prefix.length()), text);
            }
        });
        return new RepositoryFiles(scope, inScope(tree, scope), treeCut, texts);
    }

    /** The text of the file at {@code path} in the scope, if it was read. */
    public Optional<String> text(String path) {
        return Optional.ofNullable(texts.get(path));
    }

    /** The scope's README, if one was read. */
    public Optional<String> readme() {
        return READMES.stream().map(texts::get).filter(Objects::nonNull).findFirst();
    }

    /** The source files read, by path. */
    public Map<String, String> code() {
        Map<String, String> code = new LinkedHashMap<>();
        texts.forEach((path, text) -> {
            if (isServerCode(path)) {
                code.put(path, text);
            }
        });
        return code;
    }

    /** Whether the scope holds a file with one of these extensions (e.g. {@code .py}) outside tests and docs. */
    public boolean hasCode(String extension) {
        return paths.stream().anyMatch(p -> p.endsWith(extension) && !NOT_SERVER_CODE.matcher(p).find());
    }

    static boolean isServerCode(String path) {
        int dot = path.lastIndexOf('.');
        return dot > 0 && CODE_EXTENSIONS.contains(path.substring(dot).toLowerCase(Locale.ROOT))
                && !NOT_SERVER_CODE.matcher(path).find();
    }

    /** Entry-like names first, then shallower paths. */
    private static int rank(String path) {
        int depth = (int) path.chars().filter(c -> c == '/').count();
        return (LIKELY_ENTRY.matcher(path).find() ? 0 : 10) + depth;
    }
}
