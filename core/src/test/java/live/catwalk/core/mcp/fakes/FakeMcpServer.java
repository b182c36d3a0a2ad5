package live.catwalk.core.mcp.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * A scripted MCP server. Tools: {@code echo} (text back), {@code progress} (two progress notifications
 * when a token is given, then the result), {@code log} (a log message, then the result), {@code slow}
 * (answers only when {@link #releaseSlow} is called), {@code sample} (asks the client for sampling and
 * returns what it answered), {@code ask} (asks the client for a name, then a colour, then greets; an error answer
 * ends it with "not asked: ..."). {@code resources/read} knows no resource: it answers the 2025 {@code -32002} (without
 * {@code data}). It answers {@code initialize} with the requested version, or
 * {@link #answerVersion} when set. {@code ping} is answered with a result unless {@link #pings} says otherwise.
 */
public class FakeMcpServer {

    /** The 2025 code of a missing resource (2026-07-28 has {@code -32602} instead). */
    public static final int RESOURCE_NOT_FOUND = -32002;

    public volatile String answerVersion;
    public volatile boolean refuseInitialize;
    /** Whether it announces tool list changes and resource subscriptions at initialize. */
    public volatile boolean announcesChanges;
    public volatile PingAnswer pings = PingAnswer.RESULT;
    private final AtomicInteger ownIds = new AtomicInteger();
    private final Map<JsonNode, JsonNode> slow = new ConcurrentHashMap<>();
    private final Map<JsonNode, Integer> held = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> sampling = new ConcurrentHashMap<>();
    private final Map<String, Asking> asking = new ConcurrentHashMap<>();
    private final java.util.Set<String> slowAsks = ConcurrentHashMap.newKeySet();

    /** An {@code ask} call waiting for the client: its id, and the name given in the first round (null before). */
    private record Asking(JsonNode callId, String name) {
    }
    private volatile FakeChannel channel;

    void reset() {
        slow.clear();
        held.clear();
        sampling.clear();
        asking.clear();
    }

    void receive(ObjectNode message, FakeChannel out) {
        channel = out;
        if (!message.has("method")) {
            onClientResponse(message);
            return;
        }
        if (!message.has("id")) {
            return;
        }
        JsonNode id = message.get("id");
        JsonNode params = message.path("params");
        switch (message.get("method").asText()) {
            case "initialize" -> initialize(id, params);
            case "ping" -> {
                switch (pings) {
                    case RESULT -> out.emit(JsonRpc.result(id, JsonRpc.object()));
                    case ERROR -> out.emit(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "not now"));
                    case NONE -> { }
                }
            }
            case "tools/list" -> out.emit(JsonRpc.result(id, JsonRpc.object()
                    .set("tools", JsonRpc.object().arrayNode().add(JsonRpc.object().put("name", "echo")))));
            case "tools/call" -> call(id, params);
            case "resources/subscribe" -> out.emit(JsonRpc.result(id, JsonRpc.object()));
            case "resources/read" -> out.emit(JsonRpc.error(id, RESOURCE_NOT_FOUND, "Resource not found"));
            default -> out.emit(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "no such method"));
        }
    }

    private void initialize(JsonNode id, JsonNode params) {
        if (refuseInitialize) {
            channel.emit(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "unsupported protocol version"));
            return;
        }
        String version = answerVersion != null ? answerVersion : params.path("protocolVersion").asText();
        ObjectNode result = JsonRpc.object().put("protocolVersion", version);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools");
        if (announcesChanges) {
            capabilities.putObject("tools").put("listChanged", true);
            capabilities.putObject("resources").put("subscribe", true);
        }
        result.putObject("serverInfo").put("name", "fake").put("version", "1.0");
        channel.emit(JsonRpc.result(id, result));
    }

    private void call(JsonNode id, JsonNode params) {
        String name = params.path("name").asText();
        JsonNode token = params.path("_meta").path("progressToken");
        switch (name) {
            case "echo" -> channel.emit(JsonRpc.result(id, text(params.path("arguments").path("text").asText(""))));
            case "progress" -> {
                if (!token.isMissingNode()) {
                    for (int i = 1; i <= 2; i++) {
                        channel.emit(JsonRpc.notification("notifications/progress",
                                JsonRpc.object().put("progress", i).put("total", 2).set("progressToken", token)));
                    }
                }
                channel.emit(JsonRpc.result(id, text("done")));
            }
            case "log" -> {
                channel.emit(JsonRpc.notification("notifications/message",
                        JsonRpc.object().put("level", "info").put("data", "working")));
                channel.emit(JsonRpc.result(id, text("logged")));
            }
            case "slow" -> slow.put(id, params);
            case "hold" -> held.put(id, params.path("arguments").path("size").asInt());
            case "big" -> channel.emit(JsonRpc.result(id, text("x".repeat(params.path("arguments").path("size").asInt()))));
            case "sample" -> {
                String own = "srv-" + ownIds.incrementAndGet();
                sampling.put(own, id);
                channel.emit(JsonRpc.request(JsonRpc.object().textNode(own), "sampling/createMessage",
                        JsonRpc.object().put("maxTokens", 10)));
            }
            case "ask" -> elicit(id, "What is your name?", null);
            case "askslow" -> { // a progress note first, then a question; once answered, as slow as "slow"
                if (!token.isMissingNode()) {
                    channel.emit(JsonRpc.notification("notifications/progress",
                            JsonRpc.object().put("progress", 1).set("progressToken", token)));
                }
                elicit(id, "What is your name?", null);
                slowAsks.add("ask-" + ownIds.get());
            }
            default -> channel.emit(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "unknown tool " + name));
        }
    }

    /**
     * Answers every {@code hold} call received so far with a text of its {@code size} characters, and
     * returns once the bridge has taken every answer (or after two minutes).
     */
    public void releaseHeld() throws InterruptedException {
        FakeChannel out = channel;
        CountDownLatch delivered = new CountDownLatch(1);
        out.onServerThread(() -> {
            held.forEach((id, size) -> out.emit(JsonRpc.result(id, text("x".repeat(size)))));
            held.clear();
            out.onServerThread(delivered::countDown);
        });
        delivered.await(2, TimeUnit.MINUTES);
    }

    /** How many {@code hold} calls wait for {@link #releaseHeld}. */
    public int heldWaiting() {
        return held.size();
    }

    /** How many {@code slow} calls wait for {@link #releaseSlow}. */
    public int slowWaiting() {
        return slow.size();
    }

    /** Answers every {@code slow} call received so far (on the server's thread, so none is missed). */
    public void releaseSlow() {
        FakeChannel out = channel;
        out.onServerThread(() -> {
            slow.forEach((id, params) -> out.emit(JsonRpc.result(id, text("slow done"))));
            slow.clear();
        });
    }

    /** Emits a message the server sends on its own (a notification or a request). */
    public void send(ObjectNode message) {
        channel.emit(message);
    }

    /** The {@code ask} tool: asks the client two questions in turn, then greets with both answers. */
    private void elicit(JsonNode callId, String message, String name) {
        String own = "ask-" + ownIds.incrementAndGet();
        asking.put(own, new Asking(callId, name));
        ObjectNode params = JsonRpc.object().put("message", message);
        params.putObject("requestedSchema").put("type", "object");
        channel.emit(JsonRpc.request(JsonRpc.object().textNode(own), "elicitation/create", params));
    }

    private void onClientResponse(ObjectNode response) {
        Asking asked = asking.remove(response.path("id").asText());
        if (asked != null && slowAsks.remove(response.path("id").asText())) {
            slow.put(asked.callId, JsonRpc.object());
            return;
        }
        if (asked != null) {
            JsonNode content = response.path("result").path("content");
            if (response.has("error")) {
                channel.emit(JsonRpc.result(asked.callId, text("not asked: " + response.path("error")
                        .path("message").asText())));
            } else if (asked.name == null) {
                elicit(asked.callId, "What is your favourite colour?", content.path("name").asText("?"));
            } else {
                channel.emit(JsonRpc.result(asked.callId, text("Hello " + asked.name + ", you like "
                        + content.path("colour").asText("?"))));
            }
            return;
        }
        JsonNode callId = sampling.remove(response.path("id").asText());
        if (callId != null) {
            String said = response.path("result").path("content").path("text").asText("?");
            channel.emit(JsonRpc.result(callId, text("client said " + said)));
        }
    }

    /** How the server answers {@code ping}. */
    public enum PingAnswer { RESULT, ERROR, NONE }

    static ObjectNode text(String text) {
        ObjectNode result = JsonRpc.object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }
}
