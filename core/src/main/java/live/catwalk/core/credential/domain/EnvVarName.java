package live.catwalk.core.credential.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of an environment variable a deployment may set for its server: {@code [A-Z_][A-Z0-9_]*}, at
 * most 128 characters, and none of the names that change how a runtime finds or loads code (a server
 * must run the package it was validated as, nothing injected beside it).
 */
public record EnvVarName(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
    private static final Set<String> RESERVED = Set.of(
            "PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "TMPDIR", "IFS", "ENV", "BASH_ENV",
            "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS", "NODE_TLS_REJECT_UNAUTHORIZED",
            "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "PYTHONINSPECT",
            "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH",
            "PERL5LIB", "PERL5OPT", "RUBYLIB", "RUBYOPT", "GEM_HOME", "GEM_PATH",
            "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE");
    private static final List<String> RESERVED_PREFIXES = List.of("LD_", "DYLD_", "NPM_CONFIG_", "PIP_", "UV_",
            "CATWALK_");

    public EnvVarName {
        Objects.requireNonNull(value, "value");
        problem(value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** What is wrong with {@code name} as a deployment variable, if anything. */
    public static Optional<String> problem(String name) {
        if (name == null || !FORM.matcher(name).matches()) {
            return Optional.of("must match [A-Z_][A-Z0-9_]* (upper case, digits, underscores; at most 128)");
        }
        if (RESERVED.contains(name) || RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
            return Optional.of("is reserved: it changes how the server's runtime finds or loads code");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
