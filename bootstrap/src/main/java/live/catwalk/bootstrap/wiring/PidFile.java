package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.catwalk.adapters.persistence.DatabaseInUse;
import live.catwalk.bootstrap.config.ConfigVariable;

/**
 * {@code CATWALK_HOME/catwalk.pid}: which Catwalk process has the embedded database open (its pid and command),
 * so that another one, which H2 refuses, can name it. Written once the database is open and removed when this
 * process lets it go; one left by a killed process names a pid that no longer runs and is ignored.
 */
public final class PidFile {

    static final String NAME = "catwalk.pid";
    private static final Pattern CONTENT = Pattern.compile("(\\d{1,10}) (catwalk [a-z ]{1,20})\\n?");
    private static final System.Logger LOG = System.getLogger(PidFile.class.getName());

    private PidFile() {
    }

    /** Records this process as the holder; {@code command} is a constant such as {@code catwalk serve}. */
    public static void write(Path home, String command) {
        try {
            Path temp = Files.createTempFile(home, ".catwalk-pid", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, ProcessHandle.current().pid() + " " + command + "\n", StandardCharsets.UTF_8);
                Files.move(temp, home.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Only a later message gets less precise; nothing depends on the file.
            LOG.log(System.Logger.Level.DEBUG, "cannot write " + home.resolve(NAME) + ": " + e);
        }
    }

    /** Removes the file if it still names this process. */
    public static void remove(Path home) {
        if (holder(home).filter(h -> h.pid() == ProcessHandle.current().pid()).isPresent()) {
            try {
                Files.deleteIfExists(home.resolve(NAME));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove " + home.resolve(NAME) + ": " + e);
            }
        }
    }

    /** The process the file names, if the file is well-formed and that process still runs. */
    static Optional<Holder> holder(Path home) {
        try {
            Path file = home.resolve(NAME);
            if (!Files.isRegularFile(file) || Files.size(file) > 64) {
                return Optional.empty();
            }
            Matcher m = CONTENT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            if (!m.matches()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(m.group(1));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> new Holder(pid, m.group(2)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What to tell the person whose command found the embedded database held: who holds it and what to do. */
    public static String explain(DatabaseInUse e, Path home) {
        String who = holder(home).map(h -> "It is held by process " + h.pid() + " ('" + h.command() + "'). ")
                .orElse("Another Catwalk on this home holds it: a running 'catwalk serve', or 'catwalk keys' while "
                        + "the server runs. ");
        return e.getMessage() + " " + who + "Stop that process first ('catwalk keys' cannot run while "
                + "'catwalk serve' holds the embedded database), or set " + ConfigVariable.HOME.envName
                + " to another directory.";
    }

    record Holder(long pid, String command) {
    }
}
