package live.catwalk.adapters.persistence.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** A keyset file readable and writable by its owner only (0600), replaced atomically. */
final class KeysetFile {

    private static final Set<PosixFilePermission> OWNER_RW =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeysetFile() {
    }

    /** The file's text; refuses, naming {@code chmod 600}, a file others may read or run. */
    static String read(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_RW.containsAll(mode)) {
                throw new IllegalArgumentException("keyset file " + file + " has mode " + octal(mode)
                        + "; it holds cleartext keys and must be private: run chmod 600 " + file);
            }
        }
        return Files.readString(file, UTF_8);
    }

    /** Replaces (or creates) {@code file} with {@code text}: temp file at 0600, fsync, atomic rename. */
    static void replace(Path file, String text) throws IOException {
        Path tmp = writeTemp(file, text);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(tmp.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code file} with {@code text} unless it exists; false if another writer got there first. */
    static boolean createNew(Path file, String text) throws IOException {
        Path tmp = writeTemp(file, text);
        try {
            try {
                Files.createLink(file, tmp); // atomic and never replaces, unlike rename
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
            syncDirectory(tmp.getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path writeTemp(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = posix(dir);
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attrs);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename durable on Linux; some platforms cannot open a directory, which is fine.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : mode) {
            bits |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", bits);
    }

    static boolean isMissing(IOException e) {
        return e instanceof NoSuchFileException;
    }
}
