package live.catwalk.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.mcp.port.out.StdioServers;
import live.catwalk.core.shared.domain.ServerCommand;

/**
 * An in-process stand-in for a supervised stdio server that behaves like bench/servers/echo.mjs: it answers
 * {@code initialize}, every tools/call with one short text, other requests with an empty result, and ignores
 * notifications and responses. Its own work per call is small on purpose (a string scan for the id, a canned
 * answer, no JSON tree), so that a benchmark over it measures the gateway's code, not the server's.
 *
 * <p>{@link Answer#INLINE}: a request's answer is routed on the thread that wrote the request, before {@code send}
 * returns: the gateway's CPU per call without any thread hand-off. {@link Answer#READER}: a "stdout reader" thread
 * per channel routes the answers, as the real supervisor's reader does: the caller's thread parks and is woken, so
 * the time includes two thread wake-ups (but no pipes and no process). Lifecycle events and the answer to
 * {@code initialize} always come from the reader thread.
 */
public final class EchoServers implements StdioServers {

    /** Which thread routes a request's answer. */
    public enum Answer { INLINE, READER }

    private final Answer answer;

    public EchoServers(Answer answer) {
        this.answer = answer;
    }

    @Override
    public StdioChannel start(ServerCommand command, Consumer<StdioEvent> events) {
        return new Channel(events, answer);
    }

    private static final class Channel implements StdioChannel {

        private static final String STOP = new String("stop");

        private final Consumer<StdioEvent> events;
        private final Answer answer;
        private final BlockingQueue<String> stdin = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile boolean running = true;

        Channel(Consumer<StdioEvent> events, Answer answer) {
            this.events = events;
            this.answer = answer;
            this.reader = Thread.ofPlatform().daemon().name("bench-echo-reader").start(this::read);
        }

        private void read() {
            events.accept(new StdioEvent.Started(1));
            try {
                while (true) {
                    String line = stdin.take();
                    if (line == STOP) {
                        return;
                    }
                    String out = answerTo(line);
                    if (out != null) {
                        events.accept(new StdioEvent.Line(1, out));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void send(String line) {
            if (answer == Answer.INLINE && !line.contains("\"method\":\"initialize\"")) {
                String out = answerTo(line);
                if (out != null) {
                    events.accept(new StdioEvent.Line(1, out));
                }
            } else {
                stdin.add(line);
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public List<String> recentStderr(int max) {
            return List.of();
        }

        @Override
        public void close() {
            if (running) {
                running = false;
                stdin.add(STOP);
                try {
                    reader.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The server's answer line to {@code line}, or null for a notification or a response. */
    static String answerTo(String line) {
        String id = topLevelId(line);
        if (id == null || !line.contains("\"method\":")) {
            return null;
        }
        if (line.contains("\"method\":\"tools/call\"")) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id
                    + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hello from the benchmark\"}]}}";
        }
        if (line.contains("\"method\":\"initialize\"")) {
            JsonNode params = JsonRpc.parse(line).path("params");
            ObjectNode result = JsonRpc.object().put("protocolVersion", params.path("protocolVersion").asText());
            result.putObject("capabilities").putObject("tools");
            result.putObject("serverInfo").put("name", "bench-echo").put("version", "1.0.0");
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + JsonRpc.line(result) + "}";
        }
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}";
    }

    /**
     * The id's JSON text: the first {@code "id":} member, which is the top-level one in what the gateway writes
     * (it puts the id in the place the client's had, second after {@code jsonrpc}); null without one.
     */
    static String topLevelId(String line) {
        int at = line.indexOf("\"id\":");
        if (at < 0) {
            return null;
        }
        int start = at + 5;
        int end = start;
        if (line.charAt(start) == '"') {
            end = line.indexOf('"', start + 1) + 1;
        } else {
            while (end < line.length() && (Character.isDigit(line.charAt(end)) || line.charAt(end) == '-')) {
                end++;
            }
        }
        return line.substring(start, end);
    }
}
