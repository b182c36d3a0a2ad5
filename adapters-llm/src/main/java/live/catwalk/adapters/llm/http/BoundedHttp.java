package live.catwalk.adapters.llm.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import live.catwalk.core.shared.CatwalkException;

/**
 * The one HTTP client every analysis source uses: each exchange bounded in time (from sending to the last byte)
 * and in size, GET redirects followed only on the same scheme, host and port (at most {@value #MAX_REDIRECTS}),
 * and every transport failure turned into the caller's own {@link CatwalkException}. Thread-safe.
 */
public final class BoundedHttp {

    public static final int MAX_REDIRECTS = 3;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient client;
    private final Duration timeout;
    private final long maxResponseBytes;

    /**
     * {@code client} must not follow redirects itself ({@code Redirect.NEVER}, the JDK's default): redirects are
     * followed here, on the same host only, and a client that followed them would leave that host first.
     */
    public BoundedHttp(HttpClient client, Duration timeout, long maxResponseBytes) {
        this.client = Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("a client that follows redirects could leave the configured host");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || maxResponseBytes <= 0) {
            throw new IllegalArgumentException("timeout and maxResponseBytes must be positive");
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The most one exchange may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * An answer: its status, headers, the body of a 2xx answer (empty for any other), the URI that gave it, and
     * whether the body was cut to the size bound (only when the request asked for a prefix).
     */
    public record Answer(int status, HttpHeaders headers, byte[] body, URI uri, boolean cut) {
        public Answer {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(uri, "uri");
        }
    }

    /**
     * Sends {@code request}, following a GET's same-host redirects. {@code failure} makes the exception thrown when
     * there is no usable answer, from a phrase such as {@code "did not answer within 10000 ms"},
     * {@code "could not be reached"} or {@code "redirected to another host"}.
     */
    public Answer send(HttpRequest request, Function<String, CatwalkException> failure) {
        return send(request, failure, false);
    }

    /** As {@link #send(HttpRequest, Function)}; with {@code keepPrefix} a body over the bound is cut, not refused. */
    public Answer send(HttpRequest request, Function<String, CatwalkException> failure, boolean keepPrefix) {
        Objects.requireNonNull(failure, "failure");
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            Answer answer = exchange(current, failure, keepPrefix);
            if (!REDIRECTS.contains(answer.status()) || !"GET".equals(current.method())) {
                return answer;
            }
            if (hop == MAX_REDIRECTS) {
                throw failure.apply("redirected more than " + MAX_REDIRECTS + " times");
            }
            current = HttpRequest.newBuilder(request, (name, value) -> true)
                    .uri(redirectTarget(current.uri(), answer, failure)).build();
        }
    }

    /**
     * Sends {@code request} once: a redirect is an answer like any other, never followed (for fetches that must not
     * be steered elsewhere). With {@code keepPrefix} a body over the bound is cut, not refused.
     */
    public Answer sendOnce(HttpRequest request, Function<String, CatwalkException> failure, boolean keepPrefix) {
        return exchange(request, Objects.requireNonNull(failure, "failure"), keepPrefix);
    }

    /** {@code body} read as {@code type}; a body that is not that JSON is the caller's {@code failure}. */
    public static <T> T json(byte[] body, Class<T> type, Function<String, CatwalkException> failure) {
        return json(body, JSON.constructType(type), failure);
    }

    /** {@code body} read as a JSON tree. */
    public static JsonNode tree(byte[] body, Function<String, CatwalkException> failure) {
        return json(body, JSON.constructType(JsonNode.class), failure);
    }

    private static <T> T json(byte[] body, JavaType type, Function<String, CatwalkException> failure) {
        try {
            return JSON.readValue(body, type);
        } catch (JacksonException e) {
            throw failure.apply("answered malformed JSON").withCause(e);
        } catch (IOException e) {
            throw failure.apply("answered unreadable JSON").withCause(e);
        }
    }

    /** {@code scheme://host[:port]/path}: no user info (a base URL may carry credentials), no query. */
    public static String shown(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    /** {@code uri} checked as a base URL (absolute http(s) with a host) and ending in {@code /}. */
    public static URI baseUri(URI uri) {
        String scheme = Objects.requireNonNull(uri, "uri").getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("a base URI is an absolute http(s) URI: " + shown(uri));
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private Answer exchange(HttpRequest request, Function<String, CatwalkException> failure, boolean keepPrefix) {
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
        // Only a 2xx body is kept; any other is drained unread (cancelling it fails the whole exchange on HTTP/2).
        AtomicReference<BoundedBody> kept = new AtomicReference<>();
        AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(bounded, info -> {
            head.set(info);
            if (info.statusCode() / 100 != 2) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            kept.set(new BoundedBody(maxResponseBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1),
                    keepPrefix));
            return kept.get();
        });
        try {
            // The request timeout stops at the headers; this deadline also covers a body that trickles in.
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.headers(), response.body(), request.uri(),
                    kept.get() != null && kept.get().cut());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw failure.apply(timedOut()).withCause(e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw failure.apply("was interrupted").withCause(e);
        } catch (ExecutionException e) {
            if (kept.get() != null && kept.get().cut()) {
                // The prefix was kept before the rest was cancelled; on HTTP/2 that cancel can fail the exchange.
                return new Answer(head.get().statusCode(), head.get().headers(), kept.get().prefix(), request.uri(),
                        true);
            }
            if (kept.get() != null && kept.get().overflowed()) {
                throw failure.apply("answered with more than " + maxResponseBytes + " bytes").withCause(e.getCause());
            }
            throw failed(e.getCause(), failure);
        }
    }

    private CatwalkException failed(Throwable cause, Function<String, CatwalkException> failure) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return failure.apply(timedOut()).withCause(cause);
            } else if (t instanceof ConnectException) {
                return failure.apply("could not be reached").withCause(cause);
            }
        }
        return failure.apply(cause instanceof IOException ? "connection failed" : "failed").withCause(cause);
    }

    private String timedOut() {
        return "did not answer within " + timeout.toMillis() + " ms";
    }

    private static URI redirectTarget(URI from, Answer answer, Function<String, CatwalkException> failure) {
        String location = answer.headers().firstValue("Location")
                .orElseThrow(() -> failure.apply("redirected without a Location"));
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw failure.apply("redirected to a malformed Location").withCause(e);
        }
        if (!Objects.equals(to.getScheme(), from.getScheme()) || !Objects.equals(to.getHost(), from.getHost())
                || to.getPort() != from.getPort()) {
            throw failure.apply("redirected to another host");
        }
        return to;
    }
}
