package live.catwalk.runner;

import java.io.IOException;
import java.util.Map;
import live.catwalk.core.mcp.domain.ServerCommand;
import live.catwalk.core.shared.CatwalkException;

/** Starts a command's program directly (no shell) with the child environment and three pipes. */
final class Launcher {

    private Launcher() {
    }

    /**
     * Throws {@link CatwalkException} of kind {@code UPSTREAM_UNAVAILABLE} naming the program when it
     * cannot be started (not found, not executable); never with an environment value in the message.
     */
    static Process launch(ServerCommand command, Map<String, String> baseEnvironment) {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(ChildEnvironment.of(baseEnvironment, command.env()));
        try {
            return builder.start();
        } catch (IOException e) {
            // The JDK's message is "Cannot run program "x": error=2, No such file or directory".
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                            "Cannot start program '" + command.argv().getFirst() + "': " + reason)
                    .withHint("Check that the program is installed, on PATH and executable.")
                    .withCause(e);
        }
    }

    /** The program's file name, for log prefixes and thread names. */
    static String programName(ServerCommand command) {
        String program = command.argv().getFirst();
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.isEmpty() ? program : name.length() > 40 ? name.substring(0, 40) : name;
    }
}
