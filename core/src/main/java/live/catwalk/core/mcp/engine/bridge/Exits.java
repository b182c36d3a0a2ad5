package live.catwalk.core.mcp.engine.bridge;

import java.time.Duration;
import live.catwalk.core.mcp.domain.StdioEvent.Exited;

/** How a server's exit is told: to clients whose requests it failed, and briefly to the control plane. */
final class Exits {

    private Exits() {
    }

    /** For clients, e.g. {@code The MCP server exited with code 1 and is being restarted; retry shortly.} */
    static String problem(Exited exited) {
        String code = exited.exitCode().isPresent() ? " with code " + exited.exitCode().getAsInt() : "";
        return exited.restartIn().isPresent()
                ? "The MCP server exited" + code + " and is being restarted; retry shortly."
                : "The MCP server exited" + code + ".";
    }

    /** e.g. {@code The MCP server exited with code 1}, without a final period. */
    static String ended(Exited exited) {
        return "The MCP server exited" + (exited.exitCode().isPresent() ? " with code " + exited.exitCode().getAsInt() : "");
    }

    /** For the control plane, e.g. {@code restarting in 2 s after exit code 1}. */
    static String detail(Exited exited) {
        if (exited.restartIn().isEmpty()) {
            return problem(exited);
        }
        String after = exited.exitCode().isPresent() ? " after exit code " + exited.exitCode().getAsInt()
                : " after it exited";
        return "restarting in " + format(exited.restartIn().get()) + after;
    }

    /** {@code 500 ms} below a second, else whole seconds rounded up: {@code 2 s}. */
    static String format(Duration delay) {
        long millis = delay.toMillis();
        return millis < 1000 ? millis + " ms" : (millis + 999) / 1000 + " s";
    }
}
