package live.catwalk.adapters.rest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;

/**
 * A deployment on the wire: lower-case enums, ISO-8601 instants, exactly one of {@code package} and
 * {@code command}, variable names without values, {@code suspendAfterMinutes} when it is suspended while idle, and its
 * MCP URL. {@code token} only right after creation.
 * A deployment of the deployments file has {@code "source": "file"} (read-only) and no timestamps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeploymentView(String id, String name, String source, String status, String desiredState, String reason,
                      @JsonProperty("package") PackageView pkg, List<String> command, List<String> envNames,
                      String sessionMode, Long suspendAfterMinutes, String createdAt, String updatedAt, String mcpUrl,
                      String token) {

    static DeploymentView of(Deployment d, Links.Base links) {
        return withToken(d, links, null);
    }

    static DeploymentView withToken(Deployment d, Links.Base links, String token) {
        DeploymentSpec spec = d.spec();
        return new DeploymentView(d.id().value(), spec.name(), null, lower(d.status()), lower(d.desired()),
                d.reason().orElse(null), pkg(spec), command(spec), spec.envNames().stream().map(EnvVarName::value).toList(),
                lower(spec.sessionMode()), suspendAfter(spec), d.createdAt().toString(), d.updatedAt().toString(),
                links.mcpUrl(d.id()), token);
    }

    static DeploymentView of(FileDeployment d, Links.Base links) {
        DeploymentSpec spec = d.spec();
        return new DeploymentView(d.id().value(), spec.name(), "file", lower(d.status()), "running",
                d.reason().orElse(null), pkg(spec), command(spec), spec.envNames().stream().map(EnvVarName::value).toList(),
                lower(spec.sessionMode()), suspendAfter(spec), null, null, links.mcpUrl(d.id()), null);
    }

    private static Long suspendAfter(DeploymentSpec spec) {
        return spec.suspendAfter().map(java.time.Duration::toMinutes).orElse(null);
    }

    private static PackageView pkg(DeploymentSpec spec) {
        return spec.launch() instanceof Launch.Package p ? PackageView.of(p) : null;
    }

    private static List<String> command(DeploymentSpec spec) {
        return spec.launch() instanceof Launch.Command(List<String> argv) ? argv : null;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code version} is always present, null meaning the registry's latest; {@code args} (what the server gets after
     * the package) only when there are some.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PackageView(String registry, String name, String version,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> args) {

        static PackageView of(Launch.Package pkg) {
            PackageRef ref = pkg.ref();
            return new PackageView(ref.registry().wireName(), ref.name(), ref.version().orElse(null), pkg.args());
        }
    }
}
