package live.catwalk.bootstrap.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.catwalk.core.shared.limit.RateLimit;

/**
 * Parsers for configuration values. Each throws {@link IllegalArgumentException} with what is wrong,
 * phrased to follow the quoted value ("'x' is not a whole number").
 */
final class ConfigValues {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

    private ConfigValues() {
    }

    static String bind(String value) {
        if (!value.contains(":") && !HOST_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("is not an IP address or host name");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("does not resolve to an address on this machine");
        }
        return value;
    }

    static int wholeNumber(String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("is outside " + min + "-" + max);
        }
        return n;
    }

    static Level logLevel(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> throw new IllegalArgumentException("is not a log level");
        };
    }

    /** A whole number of milliseconds, seconds, minutes, hours or days ({@code 500ms}, {@code 90s}, {@code 30d}). */
    static Duration duration(String value, Duration min, Duration max) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a duration");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("is outside the allowed range");
        }
        return d;
    }

    /** {@code off}: empty; otherwise {@code count/window}, e.g. {@code 10/1m}: 1 to 1000000000 a 1s to 24h window. */
    static Optional<RateLimit> rate(String value) {
        if (value.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("is not a rate (count/window, e.g. 10/1m) or off");
        }
        int count = wholeNumber(value.substring(0, slash).strip(), 1, 1_000_000_000);
        Duration window = duration(value.substring(slash + 1).strip(), Duration.ofSeconds(1), Duration.ofHours(24));
        return Optional.of(new RateLimit(count, window));
    }

    /** Empty for none; otherwise an absolute http(s) URL without query or fragment, kept without a trailing slash. */
    static Optional<URI> httpUrl(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("is not an http(s) URL with a host and no user, query or fragment");
        }
        return Optional.of(uri);
    }

    /** A directory that exists or can be created (it is created when first needed). */
    static Path directory(String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a directory path");
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException("is a file, not a directory");
        }
        return path;
    }

    /** A path where Catwalk may create a file: its directory must exist; the file itself need not. */
    static Optional<Path> optionalNewFile(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a file path");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("is a directory, not a file");
        }
        if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
            throw new IllegalArgumentException("names a file in a directory that does not exist");
        }
        return Optional.of(path);
    }

    /** An empty value means no file; otherwise the file must exist and be readable. */
    static Optional<Path> optionalFile(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a file path");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("is not a readable file");
        }
        return Optional.of(path);
    }

    static Set<String> hosts(String value) {
        Set<String> hosts = list(value);
        for (String host : hosts) {
            if (!host.equals("*") && !HOST_NAME.matcher(host).matches() && !host.startsWith("[")) {
                throw new IllegalArgumentException("has '" + host + "', which is not a host name");
            }
        }
        return hosts;
    }

    static Set<String> origins(String value) {
        Set<String> origins = list(value);
        for (String origin : origins) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("has '" + origin + "', which is not an origin (scheme://host[:port])");
            }
        }
        return origins;
    }

    /** GitHub logins (of people or organisations), at most 1000, e.g. {@code ada,acme-corp}. */
    static Set<String> githubNames(String value) {
        Set<String> names = list(value);
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
                throw new IllegalArgumentException("has '" + (name.length() > 100 ? name.substring(0, 100) + "…" : name)
                        + "', which is not a GitHub login");
            }
        }
        if (names.size() > 1000) {
            throw new IllegalArgumentException("has more than 1000 names");
        }
        return names;
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }
}
