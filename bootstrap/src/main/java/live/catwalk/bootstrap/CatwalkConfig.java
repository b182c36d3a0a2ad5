package live.catwalk.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import live.catwalk.core.shared.CatwalkException;

/**
 * Everything Catwalk reads from its environment, parsed and checked once at start-up. A bad value is
 * reported with the variable's name, what is wrong with it and the expected form; secret values are
 * never repeated.
 */
public record CatwalkConfig(String bind, int port, long maxBodyBytes, Level logLevel) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    public CatwalkConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /** The configuration with nothing set: loopback on 8080, 4 MiB bodies, INFO logs. */
    public static CatwalkConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * Parses the variables Catwalk knows; unknown ones are ignored here (see {@link #unknownVariables}).
     * Throws a {@link ConfigException} listing every bad variable at once.
     */
    public static CatwalkConfig fromEnvironment(Map<String, String> env) {
        var reader = new Reader(env);
        String bind = reader.read(Variable.BIND, CatwalkConfig::parseBind);
        Integer port = reader.read(Variable.PORT, CatwalkConfig::parsePort);
        Long maxBody = reader.read(Variable.MAX_BODY_BYTES, CatwalkConfig::parseBodyLimit);
        Level level = reader.read(Variable.LOG_LEVEL, CatwalkConfig::parseLevel);
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(reader.problems);
        }
        return new CatwalkConfig(bind, port, maxBody, level);
    }

    /** Read by the {@code ./catwalk} launcher script, not by the server. */
    private static final List<String> LAUNCHER_VARIABLES = List.of("CATWALK_JDK_ROOTS");

    /** {@code CATWALK_*} variables that Catwalk does not know, most likely typos. */
    public static List<String> unknownVariables(Map<String, String> env) {
        return env.keySet().stream()
                .filter(name -> name.startsWith("CATWALK_"))
                .filter(name -> Variable.named(name) == null && !LAUNCHER_VARIABLES.contains(name))
                .sorted()
                .toList();
    }

    private static String parseBind(String value) {
        if (!value.contains(":") && !HOST_NAME.matcher(value).matches()) {
            throw problem("is not an IP address or host name");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw problem("does not resolve to an address on this machine");
        }
        return value;
    }

    private static int parsePort(String value) {
        int port = parseWholeNumber(value);
        if (port < 0 || port > 65_535) {
            throw problem("is outside 0-65535");
        }
        return port;
    }

    private static long parseBodyLimit(String value) {
        long bytes = parseWholeNumber(value);
        if (bytes < 1024 || bytes > 256L * 1024 * 1024) {
            throw problem("is outside 1024-268435456 bytes");
        }
        return bytes;
    }

    private static Level parseLevel(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> throw problem("is not a log level");
        };
    }

    private static int parseWholeNumber(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw problem("is not a whole number");
        }
    }

    private static IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(what);
    }

    /** The variables Catwalk reads, with their defaults and the form a value must take. */
    enum Variable {
        BIND("CATWALK_BIND", "127.0.0.1", "an IP address or host name of this machine, e.g. 127.0.0.1 or 0.0.0.0", false),
        PORT("CATWALK_PORT", "8080", "an integer from 0 to 65535 (0 picks a free port), e.g. 8080", false),
        MAX_BODY_BYTES("CATWALK_MAX_BODY_BYTES", "4194304", "a number of bytes from 1024 to 268435456, e.g. 4194304 (4 MiB)", false),
        LOG_LEVEL("CATWALK_LOG_LEVEL", "info", "one of error, warn, info, debug, trace", false);

        final String envName;
        final String defaultValue;
        final String expected;
        final boolean secret;

        Variable(String envName, String defaultValue, String expected, boolean secret) {
            this.envName = envName;
            this.defaultValue = defaultValue;
            this.expected = expected;
            this.secret = secret;
        }

        static Variable named(String envName) {
            for (Variable v : values()) {
                if (v.envName.equals(envName)) {
                    return v;
                }
            }
            return null;
        }
    }

    private static final class Reader {

        private final Map<String, String> env;
        private final List<CatwalkException> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        <T> T read(Variable variable, Function<String, T> parser) {
            String raw = env.get(variable.envName);
            String value = raw == null || raw.isBlank() ? variable.defaultValue : raw.strip();
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                String shown = variable.secret ? "the value" : "'" + value + "'";
                problems.add(CatwalkException.invalidInput(variable.envName,
                        shown + " " + e.getMessage(), "Expected " + variable.expected + "."));
                return null;
            }
        }
    }
}
