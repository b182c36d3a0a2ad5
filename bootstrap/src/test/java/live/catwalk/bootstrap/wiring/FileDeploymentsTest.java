package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.bootstrap.config.DeploymentsFile;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.PinConfiguredDeployment;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** A file's package that cannot be pinned is never run: FAILED with a reason that says why and what to do. */
class FileDeploymentsTest {

    private static final DeploymentSpec SPEC = new DeploymentSpec("files", new Launch.Package(new PackageRef(
            PackageRef.Registry.NPM, "@modelcontextprotocol/server-filesystem", Optional.empty()), List.of("/data")),
            List.of(), SessionMode.SHARED);
    private static final ConfiguredDeployment ENTRY = new ConfiguredDeployment("files", SPEC, Map.of("K", "v"),
            DeploymentsFile.sha256("0123456789abcdef-token"));

    @Test
    void anUnreachableRegistryFailsTheEntryRatherThanRunningItUnpinned() {
        PinConfiguredDeployment down = spec -> {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "the npm registry at http://127.0.0.1:9/ could not be reached").withCode("registry_unavailable");
        };

        // No endpoint is touched: nothing is registered for an entry that is not started.
        List<FileDeployment> started = FileDeployments.start(List.of(ENTRY), down, null);

        FileDeployment files = started.getFirst();
        assertEquals(new DeploymentId("files"), files.id());
        assertEquals(DeploymentStatus.FAILED, files.status());
        assertEquals(SPEC, files.spec());
        String reason = files.reason().orElseThrow();
        assertTrue(reason.contains("never runs a package unpinned") && reason.contains("could not be reached")
                && reason.contains("CATWALK_NPM_REGISTRY"), reason);
    }

    @Test
    void aPinnedPackageIsServedWithItsPinnedVersionArgumentsVariablesAndAWorkspaceOfItsOwn() {
        FakeStdioServers servers = new FakeStdioServers();
        PinConfiguredDeployment pin = spec -> new PinConfiguredDeployment.Result.Pinned(new DeploymentSpec(spec.name(),
                new Launch.Package(new PackageRef(PackageRef.Registry.NPM, "@modelcontextprotocol/server-filesystem",
                        Optional.of("2026.8.31")), List.of("/data")), spec.envNames(), spec.sessionMode()));

        FileDeployment files = FileDeployments.start(List.of(ENTRY), pin, endpoints(servers)).getFirst();

        assertEquals(DeploymentStatus.STARTING, files.status());
        assertEquals(Optional.of("2026.8.31"), ((Launch.Package) files.spec().launch()).ref().version());
        ServerCommand started = servers.last().command;
        assertEquals(List.of("npx", "-y", "--", "@modelcontextprotocol/server-filesystem@2026.8.31", "/data"),
                started.argv());
        assertEquals(Map.of("K", "v"), started.env());
        assertEquals(Optional.of(new ServerCommand.Workspace("file", "file-files")), started.workspace());
    }

    @Test
    void anExactVersionTheRegistryCannotConfirmIsRunAsTheFileNamesIt() {
        FakeStdioServers servers = new FakeStdioServers();
        var exact = new ConfiguredDeployment("exact", new DeploymentSpec("exact", new Launch.Package(new PackageRef(
                PackageRef.Registry.NPM, "@modelcontextprotocol/server-filesystem", Optional.of("2026.8.31")),
                List.of("/data")), List.of(), SessionMode.SHARED), Map.of(), DeploymentsFile.sha256("0123456789abcdef-t"));
        PinConfiguredDeployment down = spec -> {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "unreachable");
        };

        FileDeployment shown = FileDeployments.start(List.of(exact), down, endpoints(servers)).getFirst();

        assertEquals(DeploymentStatus.STARTING, shown.status());
        assertEquals(List.of("npx", "-y", "--", "@modelcontextprotocol/server-filesystem@2026.8.31", "/data"),
                servers.last().command.argv());
    }

    private static McpEndpoints endpoints(FakeStdioServers servers) {
        return new McpEndpoints(servers, new CountingSessionIds(), new MutableClock(Instant.EPOCH),
                GatewaySettings.defaults(), GatewayLimits.defaults(), "1");
    }

    @Test
    void anUnknownPackageFailsTheEntryNamingTheProblem() {
        PinConfiguredDeployment unknown = spec -> new PinConfiguredDeployment.Result.Refused(List.of(
                ValidationProblem.of("package.name", "was not found on npm", "check the spelling")));

        FileDeployment files = FileDeployments.start(List.of(ENTRY), unknown, null).getFirst();

        assertEquals(DeploymentStatus.FAILED, files.status());
        assertEquals(Optional.of("not started: package.name was not found on npm (check the spelling)"), files.reason());
    }
}
