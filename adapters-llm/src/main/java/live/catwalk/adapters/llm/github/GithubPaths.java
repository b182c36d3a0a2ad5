package live.catwalk.adapters.llm.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parts {@link GithubApi} builds into a request path, each checked against GitHub's or git's own form and then
 * percent-encoded, so that no request can leave the repository it names, let alone the configured host.
 */
final class GithubPaths {

    /** GitHub logins: letters, digits and single inner hyphens, at most 39. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    /** Characters git refuses in a ref name (see {@code git check-ref-format}), controls aside. */
    private static final Pattern REF_FORBIDDEN = Pattern.compile("[\\s~^:?*\\[\\\\]|\\.\\.|@\\{|//");
    private static final int MAX_REF = 255;
    private static final int MAX_PATH = 4096;

    private GithubPaths() {
    }

    /** {@code owner/name} once both are in GitHub's forms; otherwise IllegalArgumentException. */
    static String repo(String owner, String name) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        return fullName(owner + "/" + name);
    }

    /** {@code fullName} once it is {@code owner/name} in GitHub's forms; otherwise IllegalArgumentException. */
    static String fullName(String fullName) {
        if (!isFullName(Objects.requireNonNull(fullName, "fullName"))) {
            throw new IllegalArgumentException("not a GitHub owner/name");
        }
        return fullName;
    }

    static boolean isFullName(String fullName) {
        String[] parts = fullName.split("/", -1);
        return parts.length == 2 && OWNER.matcher(parts[0]).matches() && NAME.matcher(parts[1]).matches()
                && !parts[1].equals(".") && !parts[1].equals("..");
    }

    /** {@code ref} (a branch, tag or sha) as one encoded path segment, its slashes as {@code %2F}. */
    static String ref(String ref) {
        if (!isRef(Objects.requireNonNull(ref, "ref"))) {
            throw new IllegalArgumentException("not a git ref name");
        }
        return segment(ref);
    }

    /** Git's ref-name rules: no control, space or {@code ~^:?*[\}, no {@code ..}, {@code @{} or empty part. */
    static boolean isRef(String ref) {
        if (ref.isEmpty() || ref.length() > MAX_REF || ref.equals("@") || ref.endsWith(".")
                || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || REF_FORBIDDEN.matcher(ref).find()) {
            return false;
        }
        for (String part : ref.split("/", -1)) {
            if (part.isEmpty() || part.startsWith(".") || part.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }

    /** {@code sha} once it is a full, lower-case commit sha; otherwise IllegalArgumentException. */
    static String sha(String sha) {
        if (!isSha(Objects.requireNonNull(sha, "sha"))) {
            throw new IllegalArgumentException("not a full commit sha");
        }
        return sha;
    }

    static boolean isSha(String sha) {
        return SHA.matcher(sha).matches();
    }

    /** {@code path} with each segment encoded and its slashes kept; IllegalArgumentException unless a file path. */
    static String path(String path) {
        if (!isPath(Objects.requireNonNull(path, "path"))) {
            throw new IllegalArgumentException("not a file path inside a repository");
        }
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            encoded.append(encoded.isEmpty() ? "" : "/").append(segment(segment));
        }
        return encoded.toString();
    }

    /** A relative file path: no NUL, no leading or trailing slash, no empty, {@code .} or {@code ..} segment. */
    static boolean isPath(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 percent-encoding of one segment as {@link URLEncoder} does it, a space as {@code %20}. */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
