package live.catwalk.adapters.llm;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.deployment.port.out.PackageRegistry.Lookup;
import live.catwalk.core.deployment.domain.PackageRef;

/**
 * PyPI: the JSON API at {@code <base>/pypi/<name>/json}. PyPI redirects a name that is not PEP 503-normalised
 * to the normalised one, so names are sent as given.
 */
final class PypiRegistry {

    static final String ACCEPT = "application/json";

    private record Project(Info info, Map<String, List<File>> releases) {
    }

    private record Info(String version) {
    }

    private record File(boolean yanked) {
    }

    private final RegistryHttp http;
    private final String base;
    private final String setBy;

    PypiRegistry(RegistryHttp http, URI base, String setBy) {
        this.http = http;
        this.base = base + "pypi/";
        this.setBy = setBy;
    }

    Lookup lookup(PackageRef ref) {
        Optional<Project> found = http.getJson("PyPI", setBy, URI.create(base + ref.name() + "/json"), ACCEPT, Project.class);
        if (found.isEmpty()) {
            return new Lookup.NoSuchPackage();
        }
        Project project = found.get();
        if (project.info() == null || project.info().version() == null) {
            throw RegistryHttp.unavailable("PyPI", "answered without info.version");
        }
        String latest = RegistryHttp.exactVersion("PyPI", PackageRef.Registry.PYPI, "latest version",
                project.info().version());
        if (ref.version().isEmpty()) {
            return new Lookup.Found(latest);
        }
        String wanted = ref.version().get();
        if (project.releases() == null) {
            // 'releases' is deprecated in PyPI's JSON API; the per-version document answers the same question.
            return http.getJson("PyPI", setBy, URI.create(base + ref.name() + "/" + wanted + "/json"), ACCEPT, Project.class)
                    .<Lookup>map(v -> new Lookup.Found(wanted)).orElse(new Lookup.NoSuchVersion(latest));
        }
        List<File> files = project.releases().get(wanted);
        boolean installable = files != null && files.stream().anyMatch(file -> !file.yanked());
        return installable ? new Lookup.Found(wanted) : new Lookup.NoSuchVersion(latest);
    }
}
