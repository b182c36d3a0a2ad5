package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./catwalk} launcher on a machine with only a JDK: without {@code mvn} on PATH, or with one older
 * than 3.8, it runs the Maven Wrapper ({@code ./mvnw}), which fetches the Maven that
 * {@code .mvn/wrapper/maven-wrapper.properties} names from Maven Central. Asked with {@code test -v}, Maven only
 * prints its version, so nothing is built.
 */
class MavenWrapperIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("catwalk.root", ".."), "catwalk");

    @TempDir
    Path temp;

    private Path tools;

    /** Every program of this machine except {@code mvn}. */
    @BeforeEach
    void aPathWithoutMaven() throws IOException {
        tools = Files.createDirectories(temp.resolve("tools"));
        for (Path dir : List.of(Path.of("/usr/bin"), Path.of("/bin"))) {
            try (var programs = Files.list(dir)) {
                for (Path p : programs.toList()) {
                    Path link = tools.resolve(p.getFileName().toString());
                    boolean taken = Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (!p.getFileName().toString().equals("mvn") && !taken) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
        }
    }

    /** JUnit warns about symbolic links pointing out of the temporary folder; remove them first. */
    @AfterEach
    void removeToolLinks() throws IOException {
        try (var links = Files.list(tools)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    @Test
    void withoutMavenOnPathTheWrapperRuns() throws Exception {
        String[] result = launch();
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("Apache Maven 3.9.16"), result[1]);
        assertTrue(result[2].contains("mvn is not on PATH; using the Maven Wrapper"), result[2]);
    }

    @Test
    void anOldMavenOnPathIsPassedOverForTheWrapper() throws Exception {
        Path old = tools.resolve("mvn");
        Files.writeString(old, "#!/bin/sh\necho 'Apache Maven 3.6.3 (cecedd34)'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        String[] result = launch();
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("Apache Maven 3.9.16"), result[1]);
        assertTrue(result[2].contains("Maven 3.6, older than 3.8; using the Maven Wrapper"), result[2]);
    }

    /** {@code ./catwalk test -v} with the PATH above and this JVM's JDK: exit code, stdout, stderr. */
    private String[] launch() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", LAUNCHER.toString(), "test", "-v");
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the launcher hung");
        }
        return new String[] {String.valueOf(process.exitValue()), out, err};
    }
}
