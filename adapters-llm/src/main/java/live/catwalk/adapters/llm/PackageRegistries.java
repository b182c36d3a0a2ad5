package live.catwalk.adapters.llm;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.deployment.domain.PackageRef;

/**
 * The npm and PyPI registries over HTTP, as a {@link PackageRegistry}: each lookup is one bounded GET (plus at
 * most {@value BoundedHttp#MAX_REDIRECTS} same-host redirects). Thread-safe; throws UPSTREAM_UNAVAILABLE
 * {@code registry_unavailable} as the port says.
 */
public final class PackageRegistries implements PackageRegistry {

    private final NpmRegistry npm;
    private final PypiRegistry pypi;

    private PackageRegistries(Builder b) {
        RegistryHttp http = new RegistryHttp(new BoundedHttp(b.client, b.timeout, b.maxResponseBytes));
        this.npm = new NpmRegistry(http, b.npmBaseUri, b.npmSetting);
        this.pypi = new PypiRegistry(http, b.pypiBaseUri, b.pypiSetting);
    }

    /** Starts a builder over the JDK client to use, which must not follow redirects itself (the JDK's default). */
    public static Builder builder(HttpClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    @Override
    public Lookup lookup(PackageRef ref) {
        return switch (ref.registry()) {
            case NPM -> npm.lookup(ref);
            case PYPI -> pypi.lookup(ref);
        };
    }

    /** Options with the public registries' defaults: 10 s per request, 32 MiB per response. */
    public static final class Builder {
        private final HttpClient client;
        private URI npmBaseUri = URI.create("https://registry.npmjs.org/");
        private URI pypiBaseUri = URI.create("https://pypi.org/");
        private Duration timeout = Duration.ofSeconds(10);
        private long maxResponseBytes = 32L * 1024 * 1024;
        private String npmSetting;
        private String pypiSetting;

        private Builder(HttpClient client) {
            this.client = client;
        }

        public Builder npmBaseUri(URI uri) {
            this.npmBaseUri = baseUri(uri);
            return this;
        }

        public Builder pypiBaseUri(URI uri) {
            this.pypiBaseUri = baseUri(uri);
            return this;
        }

        /**
         * The names of the settings that choose the npm and the PyPI registry (e.g. environment variables), which
         * a {@code registry_unavailable} hint names beside the URL it asked.
         */
        public Builder settingNames(String npm, String pypi) {
            this.npmSetting = Objects.requireNonNull(npm, "npm");
            this.pypiSetting = Objects.requireNonNull(pypi, "pypi");
            return this;
        }

        /** The most one request may take, from sending it to the last byte of its answer. */
        public Builder timeout(Duration perRequest) {
            if (perRequest.isNegative() || perRequest.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + perRequest);
            }
            this.timeout = perRequest;
            return this;
        }

        /** Larger answers are abandoned and reported as {@code registry_unavailable}. */
        public Builder maxResponseBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive: " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        public PackageRegistries build() {
            return new PackageRegistries(this);
        }

        private static URI baseUri(URI uri) {
            return BoundedHttp.baseUri(uri);
        }
    }
}
