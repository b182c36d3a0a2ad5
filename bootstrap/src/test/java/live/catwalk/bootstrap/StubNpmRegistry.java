package live.catwalk.bootstrap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback npm registry for the jar tests: every package's {@code latest} is {@code 1.0.0}, except a name
 * containing {@code bad-latest}, whose {@code latest} is {@code 1.0.0 --foo} (not a version).
 */
final class StubNpmRegistry implements AutoCloseable {

    private final HttpServer server;

    private StubNpmRegistry(HttpServer server) {
        this.server = server;
    }

    static StubNpmRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String latest = exchange.getRequestURI().getPath().contains("bad-latest") ? "1.0.0 --foo" : "1.0.0";
            byte[] body = ("{\"dist-tags\":{\"latest\":\"" + latest + "\"},\"versions\":{\"" + latest + "\":{}}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new StubNpmRegistry(server);
    }

    /** The value for {@code CATWALK_NPM_REGISTRY}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
