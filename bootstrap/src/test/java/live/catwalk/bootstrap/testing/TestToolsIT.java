package live.catwalk.bootstrap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The build installs the pinned Node tools, and they run. */
class TestToolsIT {

    private final TestTools tools = TestTools.get();

    @Test
    void installsNode22AndBothConformanceSuitesAtThePinnedVersions() throws Exception {
        assertEquals("v22.23.3", run(List.of(tools.node().toString(), "--version")));
        assertEquals("0.1.16", run(tools.nodeCommand(tools.conformance(), "--version")));
        assertEquals("0.2.0-alpha.12", run(tools.nodeCommand(tools.conformanceAlpha(), "--version")));
    }

    @Test
    void installsTheServersAndTheSdkTheGatewayTestsUse() throws IOException {
        assertTrue(Files.isRegularFile(tools.serverEverything()), tools.serverEverything().toString());
        assertTrue(Files.isRegularFile(tools.supergateway()), tools.supergateway().toString());
        assertTrue(version(tools.supergateway().getParent().getParent()).contains("\"version\": \"4.0.0\""));
        assertTrue(version(tools.typescriptSdk()).contains("\"version\": \"1.32.2\""));
        assertTrue(version(tools.typescriptClient()).contains("\"version\": \"2.4.0\""));
        assertTrue(version(tools.undici()).contains("\"version\": \"7.30.2\""));
    }

    private static String version(Path packageFolder) throws IOException {
        return Files.readString(packageFolder.resolve("package.json"));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running: " + command);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
