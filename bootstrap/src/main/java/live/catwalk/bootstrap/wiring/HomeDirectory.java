package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Catwalk's home (the embedded database, the generated keyset) is for its own user only: created with mode
 * 0700, an existing one tightened to 0700, and the files directly in it to 0600. A home that cannot be made
 * private stops start-up. Only the home and its own files are touched, never what lies deeper.
 */
final class HomeDirectory {

    private static final System.Logger LOG = System.getLogger(HomeDirectory.class.getName());
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private HomeDirectory() {
    }

    /** Creates {@code home} (mode 0700) or makes an existing one 0700; throws naming CATWALK_HOME when it cannot. */
    static void prepare(Path home) throws IOException {
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(home);
            if (mode.stream().anyMatch(OTHERS::contains)) {
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
                LOG.log(System.Logger.Level.WARNING, "tightened " + home + " from "
                        + PosixFilePermissions.toString(mode) + " to rwx------: only Catwalk's user may read it");
            }
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new IOException("cannot make the directory " + home + " private to this user (mode 0700: "
                    + e.getClass().getSimpleName() + "). Set CATWALK_HOME to a directory this user owns.", e);
        }
    }

    /** Makes every regular file directly in {@code home} mode 0600 (H2 creates its files with the umask's mode). */
    static void tightenFiles(Path home) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).stream().anyMatch(OTHERS::contains)) {
                    Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                    mode.removeAll(OTHERS);
                    Files.setPosixFilePermissions(file, mode);
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // No POSIX modes here (not Linux or macOS): nothing to tighten.
        }
    }
}
