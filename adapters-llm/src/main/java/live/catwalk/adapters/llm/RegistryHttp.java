package live.catwalk.adapters.llm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.CatwalkException;

/**
 * GETs one JSON document from a registry: bounded in size and time, following a few same-host redirects,
 * and the one place where an HTTP status becomes an outcome. An empty result means "no such thing" (404).
 */
final class RegistryHttp {

    static final int MAX_REDIRECTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient client;
    private final Duration timeout;
    private final long maxResponseBytes;

    RegistryHttp(HttpClient client, Duration timeout, long maxResponseBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * The document at {@code uri} read as {@code type}, or empty when the registry says it does not exist. A
     * failure's hint names the URL asked (never its credentials) and {@code setBy}, the setting that chooses
     * this registry (null: none to name).
     */
    <T> Optional<T> getJson(String registry, String setBy, URI uri, String accept, Class<T> type) {
        try {
            return fetch(registry, uri, accept, type);
        } catch (CatwalkException e) {
            throw e.hint().isPresent() ? e : e.withHint(hint(uri, setBy));
        }
    }

    /** Where Catwalk asked and what chooses that place, for a person fixing an outage. */
    static String hint(URI asked, String setBy) {
        return "Catwalk asked " + shown(asked) + "; check that this machine can reach it"
                + (setBy == null ? "" : ", or set " + setBy + " to a registry or mirror it can reach");
    }

    /** {@code scheme://host[:port]/path}: no user info (a registry URL may carry credentials), no query. */
    static String shown(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    private <T> Optional<T> fetch(String registry, URI uri, String accept, Class<T> type) {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<byte[]> response = send(registry, current, accept);
            int status = response.statusCode();
            switch (status) {
                case 200 -> {
                    return Optional.of(parse(registry, response.body(), type));
                }
                case 404, 410 -> {
                    return Optional.empty();
                }
                case 301, 302, 303, 307, 308 -> current = redirectTarget(registry, current, response);
                case 429 -> throw unavailable(registry, "is rate limiting us (HTTP 429)");
                default -> throw unavailable(registry, status >= 500
                        ? "failed (HTTP " + status + ")" : "answered HTTP " + status);
            }
        }
        throw unavailable(registry, "redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<byte[]> send(String registry, URI uri, String accept) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Accept", accept).header("User-Agent", "catwalk").build();
        // Only a 200's body is kept; any other is drained unread (cancelling it fails the whole exchange on HTTP/2).
        AtomicReference<BoundedBody> kept = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            kept.set(new BoundedBody(maxResponseBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
            return kept.get();
        });
        try {
            // The request timeout stops at the headers; this deadline also covers a body that trickles in.
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(registry).withCause(e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(registry, "lookup was interrupted").withCause(e);
        } catch (ExecutionException e) {
            if (kept.get() != null && kept.get().overflowed()) {
                throw unavailable(registry, "answered with more than " + maxResponseBytes + " bytes").withCause(e.getCause());
            }
            throw failed(registry, e.getCause());
        }
    }

    private CatwalkException failed(String registry, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return timedOut(registry).withCause(cause);
            } else if (t instanceof ConnectException) {
                return unavailable(registry, "could not be reached").withCause(cause);
            }
        }
        return unavailable(registry, cause instanceof IOException ? "connection failed" : "lookup failed")
                .withCause(cause);
    }

    private URI redirectTarget(String registry, URI from, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> unavailable(registry, "redirected without a Location"));
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw unavailable(registry, "redirected to a malformed Location").withCause(e);
        }
        if (!Objects.equals(to.getScheme(), from.getScheme()) || !Objects.equals(to.getHost(), from.getHost())
                || to.getPort() != from.getPort()) {
            throw unavailable(registry, "redirected to another host");
        }
        return to;
    }

    private static <T> T parse(String registry, byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JacksonException e) {
            throw unavailable(registry, "answered malformed JSON").withCause(e);
        } catch (IOException e) {
            throw unavailable(registry, "answered unreadable JSON").withCause(e);
        }
    }

    private CatwalkException timedOut(String registry) {
        return unavailable(registry, "did not answer within " + timeout.toMillis() + " ms");
    }

    /**
     * {@code version} if it is an exact version by the registry's rules; otherwise registry_unavailable naming
     * {@code what} it was and a printable, bounded quote of it (a registry's answer may hold anything).
     */
    static String exactVersion(String registry, PackageRef.Registry rules, String what, String version) {
        if (PackageRef.isExactVersion(rules, version)) {
            return version;
        }
        StringBuilder quoted = new StringBuilder();
        version.codePoints().limit(40).forEach(c -> quoted.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        throw unavailable(registry, "answered a " + what + " that is not an exact version: '" + quoted
                + (version.length() > 40 ? "…" : "") + "'");
    }

    static CatwalkException unavailable(String registry, String what) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "the " + registry + " registry " + what)
                .withCode("registry_unavailable");
    }
}
