import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calibration target for McpLoad: an MCP endpoint on the JDK's HTTP server that answers every request at once with
 * a canned result carrying the request's id (202 for notifications), with no server behind it. What McpLoad measures
 * against it is the cost of the load generator's HTTP client and of loopback HTTP on this machine.
 *
 *   java bench/load/CannedMcp.java <port>
 *   java bench/load/McpLoad.java http http://127.0.0.1:<port>/mcp x
 */
class CannedMcp {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 128);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = ID.matcher(body);
            if (!id.find()) {
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                return;
            }
            String result = body.contains("\"initialize\"")
                    ? "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}}}"
                    : "{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi\"}]}";
            byte[] answer = ("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Mcp-Session-Id", "canned");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.err.println("canned MCP endpoint on http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }
}
