package live.catwalk.adapters.persistence;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Catwalk's database is: a JDBC URL without credentials, and the user and password apart from it,
 * so that {@link #toString()} and every error message can leave the password out.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    private static final String FORMS = "Accepted forms: postgres://user:password@host:5432/database, "
            + "postgresql://user:password@host/database?sslmode=require, "
            + "jdbc:postgresql://host:5432/database?user=catwalk&password=… (percent-encode special characters).";
    private static final List<String> PREFIXES = List.of("jdbc:postgresql://", "postgresql://", "postgres://");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    /*
     * WRITE_DELAY=0: H2's store writes every commit through to the file before the commit returns. With its
     * default (a background writer, 500 ms) commits answered to clients were lost on kill -9 (h2database#1259);
     * the kill-cycle tests in bootstrap (KillCycleIT) prove the difference. Power loss would also need fsync.
     */
    private static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql://") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("a Catwalk database URL is jdbc:postgresql://… or jdbc:h2:…");
        }
    }

    /**
     * Parses a PostgreSQL URL as given in {@code DATABASE_URL}. Query parameters (e.g. {@code sslmode}) are
     * kept; {@code user} and {@code password}, in the user info or the query, are taken out and URL-decoded;
     * the port defaults to 5432. Throws {@link IllegalArgumentException} naming the problem and the accepted
     * forms; the message never repeats the URL, so never the password.
     */
    public static DatabaseUrl parse(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            throw invalid("it is empty");
        }
        String text = databaseUrl.strip();
        String rest = PREFIXES.stream().filter(text::startsWith).findFirst()
                .map(prefix -> text.substring(prefix.length()))
                .orElseThrow(() -> invalid("it does not start with postgres://, postgresql:// or jdbc:postgresql://"));
        int queryStart = indexOfOrEnd(rest, '?');
        String beforeQuery = rest.substring(0, queryStart);
        String query = queryStart < rest.length() ? rest.substring(queryStart + 1) : "";
        // The last '@' ends the user info, so a password may hold an unencoded ':', '/' or '@'.
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at >= 0 ? beforeQuery.substring(0, at) : "";
        String hostAndPath = beforeQuery.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        if (slash < 0 || slash == hostAndPath.length() - 1) {
            throw invalid("it names no database (the part after host:port/)");
        }
        String database = hostAndPath.substring(slash + 1);
        if (decode(database, "database name").contains("/")) {
            throw invalid("the database name holds a '/'");
        }
        HostPort hostPort = hostPort(hostAndPath.substring(0, slash));

        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (!userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = nonEmpty(decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name"));
            password = colon < 0 ? Optional.empty() : nonEmpty(decode(userInfo.substring(colon + 1), "password"));
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            String value = parameter.substring(name.length() + (parameter.contains("=") ? 1 : 0));
            switch (name) {
                case "user" -> user = user.or(() -> nonEmpty(decode(value, "user name")));
                case "password" -> password = password.or(() -> nonEmpty(decode(value, "password")));
                case "" -> { }
                default -> kept.add(parameter);
            }
        }
        String jdbc = "jdbc:postgresql://" + hostPort.host() + ":" + hostPort.port() + "/" + database
                + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(jdbc, user, password);
    }

    /**
     * An embedded H2 database in {@code directory} (file {@code catwalk.mv.db}), in PostgreSQL mode, with every
     * commit written to the file before it returns (so an acknowledged write survives {@code kill -9}).
     */
    public static DatabaseUrl h2File(Path directory) {
        String dir = directory.toAbsolutePath().normalize().toString();
        if (dir.contains(";")) {
            throw new IllegalArgumentException("the data directory's path must not contain ';'");
        }
        return new DatabaseUrl("jdbc:h2:file:" + dir + "/catwalk" + H2_OPTIONS, Optional.empty(), Optional.empty());
    }

    /** Whether this is a PostgreSQL database (else H2). */
    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL with the user and, if there is one, {@code ***} for the password: safe to log. */
    public String redacted() {
        if (!isPostgres() || user.isEmpty() && password.isEmpty()) {
            return jdbcUrl + password.map(p -> " (password ***)").orElse("");
        }
        return "postgresql://" + user.orElse("") + password.map(p -> ":***").orElse("") + "@"
                + jdbcUrl.substring("jdbc:postgresql://".length());
    }

    @Override
    public String toString() {
        return redacted();
    }

    /** Where the database is, for messages: {@code host:port/database} or H2's file; no credentials. */
    String location() {
        if (isPostgres()) {
            String rest = jdbcUrl.substring("jdbc:postgresql://".length());
            return rest.substring(0, indexOfOrEnd(rest, '?'));
        }
        return jdbcUrl.substring(0, indexOfOrEnd(jdbcUrl, ';'));
    }

    /** The first schema of PostgreSQL's {@code currentSchema} parameter, if the URL sets one. */
    Optional<String> currentSchema() {
        int q = jdbcUrl.indexOf('?');
        if (!isPostgres() || q < 0) {
            return Optional.empty();
        }
        for (String parameter : jdbcUrl.substring(q + 1).split("&")) {
            if (parameter.startsWith("currentSchema=")) {
                String schemas = URLDecoder.decode(parameter.substring("currentSchema=".length()), StandardCharsets.UTF_8);
                return nonEmpty(schemas.split(",")[0].strip());
            }
        }
        return Optional.empty();
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(String text) {
        int portColon = text.startsWith("[") ? text.indexOf(':', Math.max(text.indexOf(']'), 0)) : text.indexOf(':');
        String host = portColon < 0 ? text : text.substring(0, portColon);
        if (host.isEmpty()) {
            throw invalid("it names no host");
        }
        if (!HOST.matcher(host).matches()) {
            throw invalid("the host is not a host name or an IP address (several hosts are not supported)");
        }
        if (portColon < 0 || portColon == text.length() - 1) {
            return new HostPort(host, 5432);
        }
        String port = text.substring(portColon + 1);
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw invalid("the port is not a number from 1 to 65535");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    private static String decode(String text, String what) {
        try {
            // URLDecoder would turn '+' into a space; in a URL's user info and path '+' is itself.
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("the " + what + " has a malformed %-escape");
        }
    }

    private static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static int indexOfOrEnd(String text, char c) {
        int i = text.indexOf(c);
        return i < 0 ? text.length() : i;
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("DATABASE_URL is not a usable PostgreSQL URL: " + problem + ". " + FORMS);
    }
}
