package live.catwalk.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a child starts with: empty, then the non-secret variables of the base environment
 * on the allow-list, then defaults that make servers behave under a pipe, then the command's own
 * variables on top. Nothing else of the supervisor's environment (tokens, database URLs) reaches a
 * child.
 */
final class ChildEnvironment {

    /** Locale, time zone, home, search path and TLS trust: what runtimes need and nothing secret. */
    static final List<String> ALLOWED = List.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
            "USER", "LOGNAME", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS");

    /** Unbuffered UTF-8 Python, no ANSI colours in logs, no npm banners. */
    static final Map<String, String> DEFAULTS = Map.of(
            "PYTHONUNBUFFERED", "1",
            "PYTHONIOENCODING", "utf-8",
            "NO_COLOR", "1",
            "NPM_CONFIG_UPDATE_NOTIFIER", "false",
            "NPM_CONFIG_FUND", "false");

    private ChildEnvironment() {
    }

    static Map<String, String> of(Map<String, String> base, Map<String, String> commandEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : ALLOWED) {
            String value = base.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(DEFAULTS);
        commandEnv.forEach((name, value) -> {
            check(name, value);
            env.put(name, value);
        });
        return env;
    }

    /** ProcessBuilder would reject these too, but with the value in its message. */
    private static void check(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: '" + name.replace('\0', '?') + "'");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable " + name + " has a NUL character in its value");
        }
    }
}
