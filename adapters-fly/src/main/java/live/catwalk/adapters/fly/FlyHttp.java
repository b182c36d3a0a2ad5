package live.catwalk.adapters.fly;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;

/**
 * One Machines API exchange: the token in {@code Authorization} (never in a message or a log), a body bounded in
 * size and time, 429, 5xx and dropped connections tried again by {@link Backoff}, any other failure mapped by
 * {@link FlyErrors}, and {@code fly-request-id} logged at debug with the action. Thread-safe.
 */
final class FlyHttp {

    private static final System.Logger LOG = System.getLogger(FlyHttp.class.getName());

    /** A usable answer: its status (2xx, or one the caller accepts) and body. */
    record Reply(int status, byte[] body) {
    }

    private final HttpClient client;
    private final URI base;
    private final String authorization;
    private final List<String> sensitive;
    private final Duration timeout;
    private final long maxBytes;
    private final Backoff backoff;

    FlyHttp(HttpClient client, URI base, String token, Duration timeout, long maxBytes, Backoff backoff) {
        this.client = Objects.requireNonNull(client, "client");
        String text = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.authorization = authorization(token);
        this.sensitive = List.of(token.strip(), authorization.substring(authorization.indexOf(' ') + 1));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxBytes = maxBytes;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * The header value for {@code token}: one starting with {@code FlyV1 } as it is, a bare macaroon
     * ({@code fm1r_}, {@code fm1a_}, {@code fm2_}) under {@code FlyV1} as fly-go sends it, any other as a Bearer token.
     */
    static String authorization(String token) {
        String t = Objects.requireNonNull(token, "token").strip().replaceFirst("(?i)^Bearer(\\s+|$)", "");
        if (t.isEmpty() || t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the Fly API token is empty or has control characters");
        }
        if (t.startsWith("FlyV1 ")) {
            return t;
        }
        boolean macaroon = t.startsWith("fm1r_") || t.startsWith("fm1a_") || t.startsWith("fm2_");
        return (macaroon ? "FlyV1 " : "Bearer ") + t;
    }

    /** Sends {@code method path} with {@code body} (JSON, or null for none) within the default timeout. */
    Reply send(String action, String method, String path, byte[] body, Set<Integer> accepted, List<String> secrets) {
        return send(action, method, path, body, accepted, secrets, timeout);
    }

    /** As above with a timeout of its own (a {@code /wait} is held open by Fly for up to a minute). */
    Reply send(String action, String method, String path, byte[] body, Set<Integer> accepted, List<String> secrets,
            Duration within) {
        List<String> masked = new ArrayList<>(sensitive);
        masked.addAll(secrets);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(within)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == backoff.attempts();
            HttpResponse<byte[]> response;
            try {
                response = CappedBody.exchange(client, request.build(), maxBytes, within);
            } catch (CappedBody.TooLarge e) {
                throw failure(action, "answered with more than " + maxBytes + " bytes").withCause(e);
            } catch (HttpTimeoutException e) {
                throw failure(action, "did not answer within " + within.toMillis() + " ms").withCause(e);
            } catch (IOException e) {
                if (last) {
                    throw failure(action, "could not be reached").withCause(e);
                }
                pause(action, attempt, Optional.empty());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(action, "was interrupted").withCause(e);
            }
            byte[] bytes = response.body();
            int status = response.statusCode();
            String requestId = response.headers().firstValue("fly-request-id").orElse("-");
            LOG.log(System.Logger.Level.DEBUG, "Fly {0}: HTTP {1}, fly-request-id {2}", action, status, requestId);
            if (status / 100 == 2 || accepted.contains(status)) {
                return new Reply(status, bytes);
            }
            if ((status == 429 || status / 100 == 5) && !last) {
                pause(action, attempt, Backoff.retryAfter(response.headers().firstValue("Retry-After")));
                continue;
            }
            throw FlyErrors.of(action, status, bytes, masked);
        }
    }

    private void pause(String action, int attempt, Optional<Duration> retryAfter) {
        Duration pause = backoff.pause(attempt - 1, retryAfter);
        LOG.log(System.Logger.Level.DEBUG, "Fly {0}: try {1} of {2} in {3} ms", action, attempt + 1,
                backoff.attempts(), pause.toMillis());
        try {
            backoff.sleeper().sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(action, "was interrupted").withCause(e);
        }
    }

    private static CatwalkException failure(String action, String what) {
        return CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "the Fly Machines API " + what + " (" + action + ")")
                .withCode("fly_unavailable").withHint("check the network to api.machines.dev and Fly's status");
    }
}
