package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An MCP event stream ({@code text/event-stream}) read as it arrives, for tests: its events in order, each with the
 * number of comment lines (keep-alives) read since the one before. Each read waits at most {@link #WITHIN}.
 */
final class EventStream implements AutoCloseable {

    static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its id (null without one), its data, and the comments that came after the previous event. */
    record Event(String id, String data, int commentsBefore) {
        JsonNode json() throws IOException {
            return JSON.readTree(data);
        }
    }

    private final InputStream body;
    private final BufferedReader lines;

    private EventStream(InputStream body) {
        this.body = body;
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Sends {@code request} and opens its answer, which must be a 200 event stream. */
    static EventStream open(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            assertEquals("200 text/event-stream", response.statusCode() + " "
                    + response.headers().firstValue("Content-Type").orElse(""), body);
        }
        return new EventStream(response.body());
    }

    /** The next event, or null when the stream ended first. */
    Event next() throws InterruptedException, TimeoutException {
        CompletableFuture<Event> read = CompletableFuture.supplyAsync(this::read);
        try {
            return read.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the event stream failed", e.getCause());
        }
    }

    private Event read() {
        try {
            String id = null;
            StringBuilder data = null;
            int comments = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Event(id, data.toString(), comments);
                    }
                    id = null;
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("data:")) {
                    String value = value(line, 5);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                } else if (line.startsWith("id:")) {
                    id = value(line, 3);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String line, int after) {
        return line.length() > after && line.charAt(after) == ' ' ? line.substring(after + 1) : line.substring(after);
    }

    /** Drops the connection, as a client whose network broke would. */
    @Override
    public void close() throws IOException {
        body.close();
    }
}
