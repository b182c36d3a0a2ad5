package live.catwalk.core.mcp.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to start one stdio MCP server: the argv (run directly, never through a shell) and the variables
 * the deployment adds to the child's environment. Every {@code env} value is treated as a secret: it is
 * redacted from logs and never shown by {@link #toString()}.
 */
public record ServerCommand(List<String> argv, Map<String, String> env) {

    public ServerCommand {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("argv needs a program to run");
        }
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The program and arguments, and the names (never the values) of the environment variables. */
    @Override
    public String toString() {
        return "ServerCommand" + argv + " env=" + new TreeMap<>(env).keySet();
    }
}
