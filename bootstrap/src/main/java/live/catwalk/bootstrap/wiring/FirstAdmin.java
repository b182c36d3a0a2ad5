package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.port.in.EnsureAdmin;

/**
 * On a database with no users, creates the admin and hands its first token over exactly once: printed to
 * the console, or, when the operator names a file ({@code CATWALK_ADMIN_TOKEN_FILE}), written there with
 * mode 0600 and not printed. Nothing is left in Catwalk's home, which deployed servers must never read;
 * an {@code admin-token} an older Catwalk left there is deleted.
 */
final class FirstAdmin {

    /** Where Catwalk 0.1 left the token, under its home. */
    static final String LEGACY_FILE = "admin-token";
    private static final System.Logger LOG = System.getLogger(FirstAdmin.class.getName());

    private FirstAdmin() {
    }

    static void ensure(EnsureAdmin ensureAdmin, Path home, Optional<Path> tokenFile, PrintStream console)
            throws IOException {
        if (Files.deleteIfExists(home.resolve(LEGACY_FILE))) {
            LOG.log(System.Logger.Level.WARNING, "deleted " + home.resolve(LEGACY_FILE) + ", left by an older "
                    + "Catwalk: the admin token is no longer kept on disk (issue a new one with POST /api/tokens)");
        }
        Optional<IssuedToken> issued = ensureAdmin.ensureAdmin("admin");
        if (issued.isEmpty()) {
            return;
        }
        if (tokenFile.isPresent()) {
            writePrivately(tokenFile.get(), issued.get().secret() + "\n");
            LOG.log(System.Logger.Level.WARNING, "Created the admin user; its API token was written to "
                    + tokenFile.get() + " (mode 0600), once. Move it somewhere safe and delete the file.");
            return;
        }
        console.println();
        console.println("  Created the admin user. Its API token (shown once, kept nowhere else):");
        console.println();
        console.println("    " + issued.get().secret());
        console.println();
        console.flush();
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            // A move replaces a symbolic link at the target rather than writing through it.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
