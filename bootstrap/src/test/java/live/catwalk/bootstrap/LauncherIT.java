package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./catwalk} launcher's choice of JDK, against fake JDK trees (a {@code release} file and
 * stub binaries) and a PATH holding only the tools the script needs, so the machine's own JDKs do not
 * take part.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("catwalk.root", ".."), "catwalk");

    @TempDir
    Path temp;

    private Path roots;
    private Path tools;

    @BeforeEach
    void prepare() throws IOException {
        roots = Files.createDirectories(temp.resolve("jvm"));
        tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("sed", "readlink", "dirname", "find", "env", "tail", "tee", "mkdir")) {
            Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + tool + " on this machine"));
            Files.createSymbolicLink(tools.resolve(tool), real);
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
    void picksTheNewestJdkOf21OrLaterWhenJavaHomeIsUnset() throws Exception {
        fakeJdk("jdk-17", "17.0.15", true);
        fakeJdk("jdk-21", "21.0.9", true);
        fakeJdk("jdk-24", "24.0.2", true);

        Result result = launch(Map.of());

        assertEquals(0, result.exit, result.err);
        assertEquals(roots.resolve("jdk-24").toRealPath().toString(), result.out.strip());
    }

    @Test
    void aJreWithoutJavacIsPassedOver() throws Exception {
        fakeJdk("jdk-21", "21.0.9", true);
        fakeJdk("jre-25", "25.0.1", false);

        Result result = launch(Map.of());

        assertEquals(roots.resolve("jdk-21").toRealPath().toString(), result.out.strip());
    }

    @Test
    void aJavaHomeOf21OrLaterWins() throws Exception {
        Path home = fakeJdk("jdk-21", "21.0.9", true);
        fakeJdk("jdk-25", "25.0.1", true);

        Result result = launch(Map.of("JAVA_HOME", home.toString()));

        assertEquals(home.toString(), result.out.strip());
    }

    @Test
    void anOldJavaHomeIsReportedAndANewerJdkUsed() throws Exception {
        Path old = fakeJdk("jdk-17", "17.0.15", true);
        fakeJdk("jdk-25", "25.0.1", true);

        Result result = launch(Map.of("JAVA_HOME", old.toString()));

        assertEquals(roots.resolve("jdk-25").toRealPath().toString(), result.out.strip());
        assertTrue(result.err.contains("JAVA_HOME=" + old + " is Java 17"), result.err);
    }

    @Test
    void withoutASuitableJdkItExits1NamingWhatItFound() throws Exception {
        fakeJdk("jdk-17", "17.0.15", true);
        fakeJdk("jre-21", "21.0.2", false);

        Result result = launch(Map.of());

        assertEquals(1, result.exit);
        assertTrue(result.err.contains("no JDK 21 or newer found"), result.err);
        assertTrue(result.err.contains("jdk-17 (Java 17)"), result.err);
        assertTrue(result.err.contains("jre-21 (Java 21, a JRE without javac)"), result.err);
        assertTrue(result.err.contains("set JAVA_HOME"), result.err);
    }

    private Path fakeJdk(String name, String version, boolean withJavac) throws IOException {
        Path home = Files.createDirectories(roots.resolve(name));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        stub(bin.resolve("java"));
        if (withJavac) {
            stub(bin.resolve("javac"));
        }
        return home;
    }

    private static void stub(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result launch(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", LAUNCHER.toString(), "java-home");
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("CATWALK_JDK_ROOTS", roots.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the launcher hung");
        }
        return new Result(process.exitValue(), out, err);
    }

    private record Result(int exit, String out, String err) {
    }
}
