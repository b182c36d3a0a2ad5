package live.catwalk.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.catwalk.core.shared.domain.ServerCommand;

/**
 * A tiny stdio MCP server, run by the test JVM's own {@code java}: answers {@code initialize},
 * {@code ping} and {@code tools/list}, and says on stderr its pid and each method it got. With
 * {@code --with-child} it first starts a {@code sleep} child (its pid on stderr too) to make a tree.
 */
public final class TinyMcpServer {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|-?\\d+)");
    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

    private TinyMcpServer() {
    }

    /** The command that runs this server, optionally with a grandchild. */
    static ServerCommand command(boolean withChild) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = withChild
                ? List.of(java, "-cp", System.getProperty("java.class.path"), TinyMcpServer.class.getName(), "--with-child")
                : List.of(java, "-cp", System.getProperty("java.class.path"), TinyMcpServer.class.getName());
        return new ServerCommand(argv, Map.of());
    }

    public static void main(String[] args) throws IOException {
        System.err.println("tiny-mcp pid " + ProcessHandle.current().pid());
        if (args.length > 0 && args[0].equals("--with-child")) {
            Process child = new ProcessBuilder("sleep", "1000").start();
            System.err.println("tiny-mcp child " + child.pid());
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher method = METHOD.matcher(line);
            Matcher id = ID.matcher(line);
            if (!method.find() || !id.find()) {
                continue; // a notification or a response
            }
            System.err.println("tiny-mcp got " + method.group(1));
            String result = switch (method.group(1)) {
                case "initialize" -> "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"tiny\",\"version\":\"1\"}}";
                case "ping" -> "{}";
                case "tools/list" -> "{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]}";
                default -> null;
            };
            System.out.println(result != null
                    ? "{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"error\":{\"code\":-32601,\"message\":\"no such method\"}}");
            System.out.flush();
        }
    }
}
