package live.catwalk.adapters.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.deployment.port.out.PackageRegistry.Lookup;
import live.catwalk.core.deployment.domain.PackageRef;

/** npm: the abbreviated package document at {@code <base>/<name>}, its dist-tags and version keys. */
final class NpmRegistry {

    /** What the npm CLI sends; the abbreviated document leaves out readmes and most metadata. */
    static final String ACCEPT = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8";

    private record Packument(@JsonProperty("dist-tags") Map<String, String> distTags, Map<String, Skipped> versions) {
    }

    /** A version's manifest, skipped unread: only the keys of {@code versions} matter. */
    private record Skipped() {
    }

    private final RegistryHttp http;
    private final String base;
    private final String setBy;

    NpmRegistry(RegistryHttp http, URI base, String setBy) {
        this.http = http;
        this.base = base.toString();
        this.setBy = setBy;
    }

    Lookup lookup(PackageRef ref) {
        Optional<Packument> found = http.getJson("npm", setBy, URI.create(base + ref.name().replace("/", "%2F")),
                ACCEPT, Packument.class);
        String latest = found.map(Packument::distTags).map(tags -> tags.get("latest")).orElse(null);
        if (latest == null) {
            // An unpublished package keeps a document with neither versions nor tags: nothing to install.
            return new Lookup.NoSuchPackage();
        }
        RegistryHttp.exactVersion("npm", PackageRef.Registry.NPM, "'latest'", latest);
        if (ref.version().isEmpty()) {
            return new Lookup.Found(latest);
        }
        String wanted = ref.version().get();
        Packument doc = found.get();
        if (doc.versions() != null && doc.versions().containsKey(wanted)) {
            return new Lookup.Found(wanted);
        }
        String tagged = doc.distTags().get(wanted);
        return tagged != null ? new Lookup.Found(RegistryHttp.exactVersion("npm", PackageRef.Registry.NPM,
                "'" + wanted + "' tag", tagged)) : new Lookup.NoSuchVersion(latest);
    }
}
