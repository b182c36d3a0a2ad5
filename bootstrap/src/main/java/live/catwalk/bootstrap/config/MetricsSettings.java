package live.catwalk.bootstrap.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code /metrics} is served: on the main port for an admin's personal token only (no listener of its own, the
 * default), or on a listener of its own ({@code CATWALK_METRICS_BIND}, a private address) without a token.
 */
public record MetricsSettings(Optional<Listener> ownListener) {

    /** A listener's address: a host of this machine (an IPv6 literal without brackets) and a port, 0 for any free one. */
    public record Listener(String host, int port) {
        public Listener {
            Objects.requireNonNull(host, "host");
        }

        /** Whether the host is a wildcard address (every interface). */
        public boolean wildcard() {
            return host.equals("0.0.0.0") || host.matches("[0:]+");
        }
    }

    public MetricsSettings {
        Objects.requireNonNull(ownListener, "ownListener");
    }

    /** The settings; null after recording the variable's problem. */
    static MetricsSettings read(CatwalkConfig.Reader r) {
        Optional<Listener> own = r.read(ConfigVariable.METRICS_BIND, MetricsSettings::listener);
        return own == null ? null : new MetricsSettings(own);
    }

    /** {@code host:port} or {@code [v6]:port}; empty for none. */
    static Optional<Listener> listener(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("names an IPv6 address without brackets");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("is not host:port");
        }
        ConfigValues.bind(host);
        return Optional.of(new Listener(host, ConfigValues.wholeNumber(value.substring(colon + 1), 0, 65_535)));
    }
}
