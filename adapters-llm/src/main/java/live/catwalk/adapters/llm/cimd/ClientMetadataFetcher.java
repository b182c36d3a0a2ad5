package live.catwalk.adapters.llm.cimd;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;
import live.catwalk.core.oauth.port.out.ClientMetadataDocuments;
import live.catwalk.core.shared.CatwalkException;

/**
 * Client metadata documents fetched over https with the JDK's client, on behalf of whoever sent the {@code client_id}:
 * the host must resolve to public addresses only (checked before connecting), a redirect is refused, the answer must
 * be a 200 with JSON of at most {@value #MAX_BYTES} bytes within {@link #TIMEOUT}. A valid document is cached for what
 * its {@code Cache-Control: max-age} says, kept between {@link #MIN_FRESH} and {@link #MAX_FRESH}, in a cache of at
 * most {@value #MAX_ENTRIES} documents; when the host then fails, the last copy serves for up to {@link #MAX_STALE}
 * more. Errors and invalid documents are never cached. Thread-safe.
 *
 * <p>The JDK's client resolves the host again when it connects, so a host whose DNS answer changes between the check
 * and the connection (DNS rebinding) could still steer one fetch to a private address; the size and time bounds,
 * GET only and no credentials limit what that fetch can do.
 */
public final class ClientMetadataFetcher implements ClientMetadataDocuments {

    public static final int MAX_BYTES = 5 * 1024;
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MIN_FRESH = Duration.ofMinutes(5);
    public static final Duration MAX_FRESH = Duration.ofHours(24);
    public static final Duration MAX_STALE = Duration.ofHours(24);
    public static final int MAX_ENTRIES = 1000;

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*(\\d{1,10})");

    /** Names a host's addresses; the system's resolver in production. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private record Cached(ClientMetadataDocument document, Instant freshUntil, Instant staleUntil) {
    }

    private final BoundedHttp http;
    private final Clock clock;
    private final Resolver resolver;
    private final boolean loopbackForTests;
    private final Map<URI, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * A fetcher on {@code client} (which must not follow redirects). {@code loopbackForTests} also admits
     * {@code http} documents on a loopback host, and nothing else private: for tests that serve a client's document
     * themselves; never in production.
     */
    public ClientMetadataFetcher(HttpClient client, Clock clock, Resolver resolver, boolean loopbackForTests) {
        this.http = new BoundedHttp(client, TIMEOUT, MAX_BYTES);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.loopbackForTests = loopbackForTests;
    }

    /** The production fetcher: a new HTTP client, the system clock and resolver, public addresses only. */
    public static ClientMetadataFetcher standard() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ClientMetadataFetcher(client, Clock.systemUTC(),
                host -> List.of(InetAddress.getAllByName(host)), false);
    }

    @Override
    public ClientMetadataDocument fetch(URI clientId) {
        Instant now = clock.instant();
        Cached cached;
        synchronized (cache) {
            cached = cache.get(clientId);
        }
        if (cached != null && now.isBefore(cached.freshUntil())) {
            return cached.document();
        }
        try {
            Fetched fetched = download(clientId);
            Instant fetchedAt = clock.instant();
            Instant freshUntil = fetchedAt.plus(fetched.freshFor());
            synchronized (cache) {
                cache.put(clientId, new Cached(fetched.document(), freshUntil, freshUntil.plus(MAX_STALE)));
            }
            return fetched.document();
        } catch (CatwalkException e) {
            if (e.kind() == CatwalkException.Kind.UPSTREAM_UNAVAILABLE && cached != null
                    && now.isBefore(cached.staleUntil())) {
                return cached.document(); // the client's host is down: its last document still names it
            }
            synchronized (cache) {
                cache.remove(clientId);
            }
            throw e;
        }
    }

    private record Fetched(ClientMetadataDocument document, Duration freshFor) {
    }

    private Fetched download(URI clientId) {
        guard(clientId);
        HttpRequest request = HttpRequest.newBuilder(clientId).GET().header("Accept", "application/json").build();
        BoundedHttp.Answer answer = http.sendOnce(request, phrase -> unavailable(clientId, phrase), true);
        if (answer.status() / 100 == 3) {
            throw invalid(clientId, "its URL redirects, and a metadata document must be served at its own URL");
        }
        if (answer.status() != 200) {
            throw unavailable(clientId, "answered HTTP " + answer.status());
        }
        if (answer.cut()) {
            throw invalid(clientId, "it is larger than " + MAX_BYTES + " bytes");
        }
        String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
        String mediaType = type.split(";")[0].strip();
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw invalid(clientId, "it is not served as JSON");
        }
        JsonNode json = BoundedHttp.tree(answer.body(), phrase -> invalid(clientId, "it is not JSON"));
        if (!json.isObject()) {
            throw invalid(clientId, "it is not a JSON object");
        }
        ClientMetadataDocument document = ClientMetadataDocument.of(clientId, text(json, "client_id"),
                text(json, "client_name"), strings(json.get("redirect_uris")), text(json, "token_endpoint_auth_method"),
                json.has("client_secret") || json.has("client_secret_expires_at"), text(json, "client_uri"));
        return new Fetched(document, freshFor(answer.headers().allValues("Cache-Control")));
    }

    /** Refuses before connecting: the wrong scheme, a host that does not resolve, or one with a non-public address. */
    private void guard(URI clientId) {
        String host = clientId.getHost();
        boolean loopbackHttp = loopbackForTests && "http".equals(clientId.getScheme()) && host != null
                && ClientMetadataDocument.isLoopbackHost(host);
        if (!"https".equals(clientId.getScheme()) && !loopbackHttp) {
            throw invalid(clientId, "its URL is not https");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw unavailable(clientId, "names a host that does not resolve");
        }
        if (addresses.isEmpty()) {
            throw unavailable(clientId, "names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            boolean allowed = PublicAddresses.isPublic(address) || loopbackForTests && address.isLoopbackAddress();
            if (!allowed) {
                throw invalid(clientId, "its host is not a public internet address");
            }
        }
    }

    static Duration freshFor(List<String> cacheControl) {
        Duration fresh = MIN_FRESH;
        for (String value : cacheControl) {
            Matcher m = MAX_AGE.matcher(value.toLowerCase(java.util.Locale.ROOT));
            if (m.find()) {
                fresh = Duration.ofSeconds(Long.parseLong(m.group(1)));
            }
        }
        return fresh.compareTo(MIN_FRESH) < 0 ? MIN_FRESH : fresh.compareTo(MAX_FRESH) > 0 ? MAX_FRESH : fresh;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.isTextual() ? n.textValue() : "");
        }
        return out;
    }

    private static CatwalkException unavailable(URI clientId, String phrase) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "The client's metadata document at "
                + BoundedHttp.shown(clientId) + " " + phrase + ".").withCode("client_metadata_unavailable")
                .withHint("Try again later; the client's host must serve it.");
    }

    private static CatwalkException invalid(URI clientId, String phrase) {
        return CatwalkException.invalidInput("client_id", "The client's metadata document at "
                + BoundedHttp.shown(clientId) + " cannot be used: " + phrase + ".", null)
                .withCode("invalid_client_metadata");
    }

    /** For tests: whether a document for {@code clientId} is cached. */
    boolean cached(URI clientId) {
        synchronized (cache) {
            return cache.containsKey(clientId);
        }
    }
}
