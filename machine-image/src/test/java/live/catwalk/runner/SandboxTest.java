package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import live.catwalk.core.shared.domain.ServerCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The bubblewrap argv: what is bound, what is not, and the program last. */
class SandboxTest {

    private final Sandbox sandbox = Sandbox.bwrap(Path.of("/usr/bin/bwrap"), Path.of("/srv/cw/sandboxes"),
            OptionalInt.of(65534), List.of(Path.of("/srv/cw"), Path.of("/opt/catwalk/home")), "bubblewrap 0.8.0");

    @Test
    void theArgvBindsTheSystemReadOnlyAndOnlyTheGivenDirectoriesWritable() {
        List<String> argv = sandbox.argv(List.of("npx", "-y", "--", "pkg@1.0.0"), Path.of("/h"), Path.of("/n"),
                Path.of("/c"));
        String joined = String.join(" ", argv);

        assertEquals("/usr/bin/bwrap", argv.getFirst());
        assertEquals(List.of("npx", "-y", "--", "pkg@1.0.0"), argv.subList(argv.size() - 4, argv.size()));
        for (String flag : List.of("--die-with-parent", "--new-session", "--unshare-pid", "--proc /proc",
                "--dev /dev", "--perms 1777 --tmpfs /tmp", "--bind /h /home/mcp", "--bind /n /home/mcp/.npm",
                "--bind /c /home/mcp/.cache", "--chdir /home/mcp", "--ro-bind /usr /usr",
                "setpriv --reuid 65534 --regid 65534 --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs --")) {
            assertTrue(joined.contains(flag), flag + " in " + joined);
        }
        assertFalse(joined.contains("--unshare-net"), "the network stays");
        assertFalse(joined.contains("--bind / ") || joined.contains("--ro-bind / "), "not the whole host");
        for (String host : List.of("/root", "/work", "/var", "/srv")) {
            assertFalse(argv.contains(host), host + " is not bound");
        }
        // Catwalk's home is hidden where it lies inside a bound system directory.
        if (java.nio.file.Files.isDirectory(Path.of("/opt"))) {
            assertTrue(joined.contains("--tmpfs /opt/catwalk/home"), joined);
        }
        assertTrue(argv.indexOf("--ro-bind-try") < argv.indexOf("setpriv"), "options before the program");
    }

    @Test
    void aHiddenFileInsideASystemDirectoryIsCoveredWithAnEmptyOne() {
        Path file = Path.of("/etc/hostname"); // stands for a keyset or deployments file an operator keeps in /etc
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "needs a regular /etc/hostname");
        Sandbox hidingAFile = Sandbox.bwrap(Path.of("/usr/bin/bwrap"), Path.of("/srv/sandboxes"), OptionalInt.empty(),
                List.of(file), "bubblewrap");

        String joined = String.join(" ", hidingAFile.argv(List.of("true"), Path.of("/h"), Path.of("/n"), Path.of("/c")));

        assertTrue(joined.contains("--ro-bind /etc /etc") && joined.contains("--ro-bind /dev/null /etc/hostname"), joined);
        assertTrue(joined.indexOf("--ro-bind /etc /etc") < joined.indexOf("--ro-bind /dev/null /etc/hostname"),
                "covered after /etc is bound");
    }

    @Test
    void aHiddenDirectoryThatIsItselfASystemDirectoryIsNotBoundAtAll() {
        Sandbox hidingEtc = Sandbox.bwrap(Path.of("/usr/bin/bwrap"), Path.of("/etc/sandboxes"), OptionalInt.empty(),
                List.of(Path.of("/etc")), "bubblewrap");

        List<String> argv = hidingEtc.argv(List.of("true"), Path.of("/h"), Path.of("/n"), Path.of("/c"));

        assertFalse(String.join(" ", argv).contains("--ro-bind /etc /etc"), argv.toString());
        assertFalse(argv.contains("setpriv"), "not root: no setpriv");
    }

    @Test
    void aSandboxedChildGetsTheNeutralHomeAndNobodysName() {
        Map<String, String> env = sandbox.adjust(new HashMap<>(Map.of("HOME", "/root", "USER", "root")));

        assertEquals("/home/mcp", env.get("HOME"));
        assertEquals("/tmp", env.get("TMPDIR"));
        assertEquals("nobody", env.get("USER"));
    }

    @Test
    void offLeavesTheCommandAndEnvironmentAsTheyAre() {
        ServerCommand command = new ServerCommand(List.of("node", "server.js"), Map.of());

        assertEquals(command.argv(), Sandbox.none().argv(command));
        assertEquals(Map.of("HOME", "/root"), Sandbox.none().adjust(new HashMap<>(Map.of("HOME", "/root"))));
        assertFalse(Sandbox.none().isOn());
    }
}
