package live.catwalk.adapters.llm;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.CatwalkException;

/**
 * GETs one JSON document from a package registry over {@link BoundedHttp}, and the one place where a registry's
 * HTTP status becomes an outcome. An empty result means "no such thing" (404).
 */
final class RegistryHttp {

    private final BoundedHttp http;

    RegistryHttp(BoundedHttp http) {
        this.http = http;
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
        return "Catwalk asked " + BoundedHttp.shown(asked) + "; check that this machine can reach it"
                + (setBy == null ? "" : ", or set " + setBy + " to a registry or mirror it can reach");
    }

    private <T> Optional<T> fetch(String registry, URI uri, String accept, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .header("Accept", accept).header("User-Agent", "catwalk").build();
        BoundedHttp.Answer answer = http.send(request, what -> unavailable(registry, what));
        int status = answer.status();
        return switch (status) {
            case 200 -> Optional.of(BoundedHttp.json(answer.body(), type, what -> unavailable(registry, what)));
            case 404, 410 -> Optional.empty();
            case 301, 302, 303, 307, 308 -> throw unavailable(registry, "redirected more than "
                    + BoundedHttp.MAX_REDIRECTS + " times");
            case 429 -> throw unavailable(registry, "is rate limiting us (HTTP 429)");
            default -> throw unavailable(registry, status >= 500
                    ? "failed (HTTP " + status + ")" : "answered HTTP " + status);
        };
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
