package live.catwalk.adapters.rest.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Server-Sent Events stream read with the JDK's HttpClient, event by event, on a thread of its own. */
final class SseStream implements AutoCloseable {

    /** One dispatched block: a comment alone is a heartbeat. */
    record Event(String id, String name, String data, String retry, String comment) {
        boolean isComment() {
            return name == null && data == null && comment != null;
        }
    }

    private static final Object END = new Object();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final String body;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            body = null;
            Thread.ofVirtual().start(this::read);
        } else {
            try (Stream<String> lines = response.body()) {
                body = lines.collect(Collectors.joining("\n"));
            }
        }
    }

    /** GETs {@code uri} with these headers; returns once the response's headers are in. */
    static SseStream open(HttpClient client, URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseStream(client.send(request.build(), BodyHandlers.ofLines()));
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    int status() {
        return response.statusCode();
    }

    /** The whole body of a response that is no stream (a problem). */
    String body() {
        return body;
    }

    /** The next block, heartbeats included; empty if none came within {@code within} or the stream ended. */
    Optional<Event> next(Duration within) throws InterruptedException {
        Object next = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (next == END) {
            received.add(END);
        }
        return next instanceof Event e ? Optional.of(e) : Optional.empty();
    }

    /** The next event that is not a heartbeat, within {@code within}; empty if none. */
    Optional<Event> nextEvent(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Event> e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e.isPresent() && !e.get().isComment()) {
                return e;
            }
            if (e.isEmpty() && ended()) {
                return e;
            }
        }
        return Optional.empty();
    }

    /** Every block received within {@code within}. */
    List<Event> during(Duration within) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).ifPresent(all::add);
        }
        return all;
    }

    /** Whether the server ended the stream (what was sent before is skipped). */
    boolean endsWithin(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) == END) {
                received.add(END);
                return true;
            }
        }
        return false;
    }

    private boolean ended() {
        return received.peek() == END;
    }

    private void read() {
        String id = null;
        String name = null;
        String retry = null;
        String comment = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null || comment != null || name != null || id != null) {
                        received.add(new Event(id, name, data == null ? null : data.toString(), retry, comment));
                    }
                    id = name = retry = comment = null;
                    data = null;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "" -> comment = value;
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "retry" -> retry = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // not part of SSE: ignored, as a browser would
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test, or cut by the server: the stream has ended either way
        } finally {
            received.add(END);
        }
    }

    @Override
    public void close() {
        if (body == null) {
            response.body().close();
        }
    }
}
