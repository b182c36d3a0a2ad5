package live.catwalk.core.analysis.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitHub repository to analyse: its owner and name, and, from a folder link ({@code /tree/<ref>/<path>}), the
 * ref and the subfolder. Every part is checked against a strict syntax, so an owner, name, ref or path built into
 * a request URL can never leave the repository it names. Immutable.
 */
public record GithubRepo(String owner, String name, Optional<String> ref, Optional<String> subdir) {

    /** The longest input read; longer ones are refused before anything is parsed. */
    public static final int MAX_INPUT = 500;

    private static final String EXAMPLE = "give owner/name, github.com/owner/name or https://github.com/owner/name "
            + "(with /tree/<branch>/<folder> for a server in a subfolder)";
    /** GitHub logins: letters, digits and single inner hyphens, at most 39. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** A branch or tag as one link segment: no leading dot or hyphen, no "..", no ".lock" end. */
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");
    private static final int MAX_SUBDIR = 300;
    private static final int MAX_SUBDIR_SEGMENTS = 20;

    public GithubRepo {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(subdir, "subdir");
        partProblem(owner, name, ref, subdir).ifPresent(p -> {
            throw new IllegalArgumentException("the repository " + p);
        });
    }

    /** What a person pasted, read as a repository, or why it is none: phrased to follow the field's name. */
    public sealed interface Parsed {

        /** A repository. */
        record Repo(GithubRepo repo) implements Parsed {
        }

        /** Not a repository link Catwalk reads; {@code problem} follows the field's name ("repo is …"). */
        record Refused(String problem) implements Parsed {
        }
    }

    /**
     * Reads {@code https://github.com/owner/name[/tree/ref/path]}, {@code github.com/owner/name[/tree/ref/path]}
     * or {@code owner/name}, nothing else: no other scheme, host, port or user info, no percent-encoding, no
     * {@code .} or {@code ..} segment. A trailing slash, a {@code .git} suffix, and a link's query and fragment
     * (GitHub adds {@code ?tab=readme-ov-file}) are ignored.
     */
    public static Parsed parse(String input) {
        if (input == null || input.isBlank()) {
            return refused("is empty: " + EXAMPLE + ".");
        }
        if (input.length() > MAX_INPUT) {
            return refused("is longer than " + MAX_INPUT + " characters: " + EXAMPLE + ".");
        }
        String text = input.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7F || c > 0x7E) {
                return refused("contains a space, a control character or a non-ASCII character: " + EXAMPLE + ".");
            }
        }
        String path;
        boolean link;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://github.com/")) {
            path = text.substring("https://github.com/".length());
            link = true;
        } else if (lower.startsWith("github.com/")) {
            path = text.substring("github.com/".length());
            link = true;
        } else if (lower.contains("://") || lower.startsWith("//")) {
            return refused("is not a https://github.com/ link: Catwalk reads GitHub repositories only; " + EXAMPLE + ".");
        } else {
            path = text;
            link = false;
        }
        if (link) {
            int end = indexOfAny(path, '?', '#');
            path = end < 0 ? path : path.substring(0, end);
        }
        if (path.indexOf('%') >= 0 || path.indexOf('\\') >= 0) {
            return refused("contains percent-encoding or a backslash: paste the repository's link as GitHub shows it.");
        }
        if (!link && (path.indexOf(':') >= 0 || path.indexOf('@') >= 0)) {
            return refused("names another host or user: " + EXAMPLE + ".");
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return refused("names no repository: " + EXAMPLE + ".");
        }
        List<String> segments = Arrays.asList(path.split("/", -1));
        if (!link && segments.getFirst().contains(".")) { // no owner has a dot: a host such as gitlab.com
            return refused("names a host other than github.com: Catwalk reads GitHub repositories only; "
                    + EXAMPLE + ".");
        }
        if (segments.stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            return refused("has an empty, '.' or '..' path segment: " + EXAMPLE + ".");
        }
        if (segments.size() < 2) {
            return refused("names no repository: " + EXAMPLE + ".");
        }
        String owner = segments.get(0);
        String name = segments.get(1);
        if (name.toLowerCase(Locale.ROOT).endsWith(".git") && name.length() > 4) {
            name = name.substring(0, name.length() - 4);
        }
        Optional<String> ref = Optional.empty();
        Optional<String> subdir = Optional.empty();
        if (segments.size() > 2) {
            if (!link) {
                return refused("has more than owner/name: for a subfolder give its link, "
                        + "https://github.com/owner/name/tree/<branch>/<folder>.");
            }
            if (!segments.get(2).equals("tree") || segments.size() < 4) {
                return refused("links to a page of the repository, not the repository or one of its folders: "
                        + "give https://github.com/owner/name or a /tree/<branch>/<folder> link.");
            }
            ref = Optional.of(segments.get(3));
            if (segments.size() > 4) {
                subdir = Optional.of(String.join("/", segments.subList(4, segments.size())));
            }
        }
        Optional<String> problem = partProblem(owner, name, ref, subdir);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return new Parsed.Repo(new GithubRepo(owner, name, ref, subdir));
    }

    /** {@code owner/name}, as GitHub spells it in its API paths. */
    public String fullName() {
        return owner + "/" + name;
    }

    /**
     * The same repository and folder for any spelling: GitHub's owner and repository names are case-insensitive,
     * refs and paths are not. E.g. {@code github.com/modelcontextprotocol/servers/tree/main/src/filesystem}.
     */
    public String key() {
        return "github.com/" + owner.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT) + folder();
    }

    /** The repository's (or folder's) page on github.com, for links shown to people. */
    public String htmlUrl() {
        return "https://github.com/" + fullName() + folder();
    }

    /** {@code /tree/<ref>[/<path>]} for a folder link; empty for the repository itself. */
    private String folder() {
        return ref.map(r -> "/tree/" + r + subdir.map(s -> "/" + s).orElse("")).orElse("");
    }

    @Override
    public String toString() {
        return key();
    }

    private static Parsed refused(String problem) {
        return new Parsed.Refused(problem);
    }

    private static Optional<String> partProblem(String owner, String name, Optional<String> ref,
                                                Optional<String> subdir) {
        if (!OWNER.matcher(owner).matches()) {
            return Optional.of("has an owner that is not a GitHub user or organisation name (letters, digits and "
                    + "single hyphens, at most 39): " + EXAMPLE + ".");
        }
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            return Optional.of("has a repository name that GitHub does not allow (letters, digits, '.', '-' and "
                    + "'_', at most 100): " + EXAMPLE + ".");
        }
        if (ref.isPresent() && (!REF.matcher(ref.get()).matches() || ref.get().contains("..")
                || ref.get().endsWith(".lock"))) {
            return Optional.of("has a branch or tag that Catwalk does not read (letters, digits, '.', '-' and '_', "
                    + "at most 100): link the default branch's folder instead.");
        }
        if (subdir.isPresent()) {
            String s = subdir.get();
            String[] parts = s.split("/", -1);
            if (s.length() > MAX_SUBDIR || parts.length > MAX_SUBDIR_SEGMENTS
                    || Arrays.stream(parts).anyMatch(p -> !PATH_SEGMENT.matcher(p).matches()
                            || p.equals(".") || p.equals(".."))) {
                return Optional.of("has a folder path Catwalk does not read (at most " + MAX_SUBDIR_SEGMENTS
                        + " segments of letters, digits, '.', '-', '_', '@' and '+', at most " + MAX_SUBDIR
                        + " characters).");
            }
        }
        if (subdir.isPresent() && ref.isEmpty()) {
            return Optional.of("has a folder but no branch: give https://github.com/owner/name/tree/<branch>/<folder>.");
        }
        return Optional.empty();
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
