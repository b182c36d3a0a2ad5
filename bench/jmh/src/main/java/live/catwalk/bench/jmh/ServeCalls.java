package live.catwalk.bench.jmh;

import java.nio.charset.StandardCharsets;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;

/**
 * The tools/calls of {@link ServeBench} and {@link ServeReaderBench} over one {@link BenchGateway}: a 2025 call to
 * each session in turn (every session active), and a 2026-07-28 call (no session). Each answer is checked to be
 * 200 JSON; the first of each era to be the echo, under the client's id. Not thread-safe: one per benchmark thread.
 */
final class ServeCalls implements AutoCloseable {

    private final BenchGateway gateway;
    private final Headers[] headers2025;
    private final Headers headers2026 = Headers.single(Messages.headers2026());
    private final byte[] body2025 = Messages.utf8(Messages.CALL_2025);
    private final byte[] body2026 = Messages.utf8(Messages.CALL_2026);
    private int next;

    ServeCalls(EchoServers.Answer answer, int sessions) {
        gateway = new BenchGateway(answer, sessions);
        headers2025 = new Headers[sessions];
        for (int i = 0; i < sessions; i++) {
            headers2025[i] = Headers.single(Messages.headers2025(gateway.sessionIds[i]));
        }
        expectEcho(call2025(), "2025");
        expectEcho(call2026(), "2026-07-28");
    }

    McpHttpResponse call2025() {
        Headers headers = headers2025[next];
        if (++next == headers2025.length) {
            next = 0;
        }
        return checked(gateway.post(headers, body2025));
    }

    McpHttpResponse call2026() {
        return checked(gateway.post(headers2026, body2026));
    }

    @Override
    public void close() {
        gateway.close();
    }

    private static McpHttpResponse checked(McpHttpResponse response) {
        if (response.status() != 200 || !(response instanceof McpHttpResponse.Json)) {
            throw new IllegalStateException("tools/call answered " + BenchGateway.describe(response));
        }
        return response;
    }

    private static void expectEcho(McpHttpResponse response, String era) {
        String body = new String(((McpHttpResponse.Json) response).body(), StandardCharsets.UTF_8);
        if (!body.contains("\"id\":42") || !body.contains("Echo: hello from the benchmark")) {
            throw new IllegalStateException("the " + era + " tools/call was not echoed: " + body);
        }
    }
}
