package live.catwalk.adapters.llm.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * What every analysis source's builder sets: the JDK client, the base URL (checked by {@link BoundedHttp#baseUri}),
 * the time and size bounds of one exchange, and the setting a failure's hint names as the one choosing the URL.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class SourceBuilder<B extends SourceBuilder<B>> {

    private final HttpClient client;
    private URI baseUri;
    private Duration timeout;
    private long maxResponseBytes;
    private String settingName;

    protected SourceBuilder(HttpClient client, URI baseUri, Duration timeout, long maxResponseBytes,
                            String settingName) {
        this.client = Objects.requireNonNull(client, "client");
        this.baseUri = BoundedHttp.baseUri(baseUri);
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.settingName = settingName;
    }

    /** Where the source is asked (a mirror, an enterprise host, a test's stub). */
    public B baseUri(URI uri) {
        this.baseUri = BoundedHttp.baseUri(uri);
        return self();
    }

    /** The most one exchange may take, from sending to the last byte of its answer. */
    public B timeout(Duration perRequest) {
        if (perRequest.isNegative() || perRequest.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + perRequest);
        }
        this.timeout = perRequest;
        return self();
    }

    /** Larger answers are abandoned (or cut, where the source says so). */
    public B maxResponseBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive: " + bytes);
        }
        this.maxResponseBytes = bytes;
        return self();
    }

    /** The setting (e.g. an environment variable) a failure's hint names as the one choosing the base URL. */
    public B settingName(String name) {
        this.settingName = Objects.requireNonNull(name, "name");
        return self();
    }

    /** An exchange with the bounds set. */
    public BoundedHttp http() {
        return new BoundedHttp(client, timeout, maxResponseBytes);
    }

    /** An exchange with the time bound set and another size bound. */
    public BoundedHttp http(long maxBytes) {
        return new BoundedHttp(client, timeout, maxBytes);
    }

    /** The base URL set, ending in {@code /}. */
    public URI base() {
        return baseUri;
    }

    /** The setting named in hints. */
    public String setting() {
        return settingName;
    }

    /** The hint for a source that cannot be reached: the URL asked, and the setting that chooses another. */
    public static String reachHint(URI asked, String settingName, String what) {
        return "Catwalk asked " + BoundedHttp.shown(asked) + "; check that this machine can reach it, or set "
                + settingName + " to " + what + " it can reach";
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
