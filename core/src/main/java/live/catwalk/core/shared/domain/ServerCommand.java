package live.catwalk.core.shared.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to start one stdio MCP server: the argv (run directly, never through a shell), the variables
 * the deployment adds to the child's environment, and whose sandbox it runs in (absent: a sandbox of
 * its own that nothing else shares). Every {@code env} value is treated as a secret: it is redacted
 * from logs and never shown by {@link #toString()}.
 */
public record ServerCommand(List<String> argv, Map<String, String> env, Optional<Workspace> workspace) {

    public ServerCommand {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("argv needs a program to run");
        }
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(workspace, "workspace");
    }

    /** A command with no workspace: its sandbox shares nothing with any other. */
    public ServerCommand(List<String> argv, Map<String, String> env) {
        this(argv, env, Optional.empty());
    }

    /** The same command run in {@code workspace}. */
    public ServerCommand in(Workspace workspace) {
        return new ServerCommand(argv, env, Optional.of(workspace));
    }

    /** The program and arguments, and the names (never the values) of the environment variables. */
    @Override
    public String toString() {
        return "ServerCommand" + argv + " env=" + new TreeMap<>(env).keySet()
                + workspace.map(w -> " in " + w).orElse("");
    }

    /**
     * Where a sandboxed server keeps its files: {@code name} (e.g. the deployment id) has a home and working
     * directory of its own; {@code owner} (the user, or {@code file}) has a package cache shared only by that
     * owner's servers. Both are 1-100 letters, digits, {@code _} or {@code -}, starting with a letter or digit.
     */
    public record Workspace(String owner, String name) {

        private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

        public Workspace {
            check("owner", owner);
            check("name", name);
        }

        private static void check(String what, String value) {
            Objects.requireNonNull(value, what);
            if (!FORM.matcher(value).matches()) {
                throw new IllegalArgumentException("a workspace " + what + " is 1-100 letters, digits, _ or -");
            }
        }

        @Override
        public String toString() {
            return owner + "/" + name;
        }
    }
}
