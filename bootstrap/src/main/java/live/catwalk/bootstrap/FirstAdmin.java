package live.catwalk.bootstrap;

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
 * On a database with no users, creates the admin and hands its first token over exactly once: written to
 * {@code admin-token} under Catwalk's home (mode 0600) and, for the embedded database only, printed to the
 * console (a production database's console output often ends up in a shared log).
 */
final class FirstAdmin {

    static final String FILE = "admin-token";
    private static final System.Logger LOG = System.getLogger(FirstAdmin.class.getName());

    private FirstAdmin() {
    }

    static void ensure(EnsureAdmin ensureAdmin, Path home, boolean printToken, PrintStream console) throws IOException {
        Optional<IssuedToken> issued = ensureAdmin.ensureAdmin("admin");
        if (issued.isEmpty()) {
            return;
        }
        Path file = home.resolve(FILE);
        writePrivately(file, issued.get().secret() + "\n");
        if (printToken) {
            console.println();
            console.println("  Created the admin user. Its API token (shown once; also in " + file + "):");
            console.println();
            console.println("    " + issued.get().secret());
            console.println();
            console.flush();
        } else {
            LOG.log(System.Logger.Level.WARNING, "Created the admin user; its API token is in " + file
                    + " (mode 0600). Move it somewhere safe and delete the file.");
        }
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
