package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.time.Instant;
import java.util.UUID;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aNewHomeIsCreatedPrivate() throws Exception {
        Path home = temp.resolve("a/b/home");
        HomeDirectory.prepare(home);
        assertEquals("rwx------", mode(home));
    }

    @Test
    void anOpenHomeAndTheFilesInItAreTightenedButNothingDeeper() throws Exception {
        Path home = Files.createDirectory(temp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.writeString(home.resolve("catwalk.mv.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Path deeper = Files.createDirectory(home.resolve("sandboxes"));
        Files.setPosixFilePermissions(deeper, PosixFilePermissions.fromString("rwxr-xr-x"));

        HomeDirectory.prepare(home);
        HomeDirectory.tightenFiles(home);

        assertEquals("rwx------", mode(home));
        assertEquals("rw-------", mode(db));
        assertEquals("rwxr-xr-x", mode(deeper), "directories inside are their owners' business");
    }

    @Test
    void theFirstAdminsTokenGoesToTheNamedFileOnlyAndAnOldTokenFileIsDeleted() throws Exception {
        Path home = Files.createDirectory(temp.resolve("home"));
        Files.writeString(home.resolve(FirstAdmin.LEGACY_FILE), "cwk_old\n");
        Path file = temp.resolve("admin-token");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        FirstAdmin.ensure(name -> Optional.of(issued("cwk_secret-first")), home, Optional.of(file),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals("cwk_secret-first\n", Files.readString(file));
        assertEquals("rw-------", mode(file));
        assertFalse(Files.exists(home.resolve(FirstAdmin.LEGACY_FILE)));
        assertFalse(console.toString(StandardCharsets.UTF_8).contains("cwk_secret-first"));
    }

    @Test
    void withoutAFileTheTokenIsPrintedOnceAndWrittenNowhere() throws Exception {
        Path home = Files.createDirectory(temp.resolve("home"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        FirstAdmin.ensure(name -> Optional.of(issued("cwk_secret-printed")), home, Optional.empty(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        FirstAdmin.ensure(name -> Optional.empty(), home, Optional.empty(),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(printed.indexOf("cwk_secret-printed"), printed.lastIndexOf("cwk_secret-printed"));
        assertTrue(printed.contains("cwk_secret-printed"));
        try (var files = Files.list(home)) {
            assertEquals(0, files.count(), "nothing written to Catwalk's home");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static IssuedToken issued(String secret) {
        AccessToken token = new AccessToken(new TokenId(UUID.randomUUID()), new UserId(UUID.randomUUID()),
                Optional.empty(), "first", "cwk_first", TokenHash.of(secret), Instant.EPOCH, Optional.empty(),
                Optional.empty());
        return new IssuedToken(token, secret);
    }
}
