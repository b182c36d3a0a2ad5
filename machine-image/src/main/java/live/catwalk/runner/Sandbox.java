package live.catwalk.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import live.catwalk.core.shared.domain.ServerCommand;

/**
 * Where a child runs: {@link #none()} (as Catwalk's own user, with Catwalk's view of the system) or
 * bubblewrap: the system directories read-only, a fresh {@code /proc} in a PID namespace of its own,
 * a private {@code /tmp}, its workspace's home at {@link #HOME} (also its working directory) and its
 * owner's package caches below it; nothing else of the host. When Catwalk runs as root the child runs
 * as {@code nobody} (65534) without capabilities. The network is shared. Thread-safe.
 */
public final class Sandbox {

    /** Where a sandboxed child finds its home and working directory. */
    public static final String HOME = "/home/mcp";
    static final int NOBODY = 65534;
    /** System directories bound read-only (or re-created as the same symlink) when they exist. */
    static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
            "/etc", "/opt");
    private static final AtomicLong ANONYMOUS = new AtomicLong();

    private final Path bwrap;
    private final Path root;
    private final OptionalInt dropTo;
    private final List<Path> hidden;
    private final String version;

    private Sandbox(Path bwrap, Path root, OptionalInt dropTo, List<Path> hidden, String version) {
        this.bwrap = bwrap;
        this.root = root;
        this.dropTo = dropTo;
        this.hidden = hidden;
        this.version = version;
    }

    /** No sandbox: children run directly, as Catwalk's user. */
    public static Sandbox none() {
        return new Sandbox(null, null, OptionalInt.empty(), List.of(), "");
    }

    /**
     * Bubblewrap at {@code bwrap}, keeping workspaces under {@code root}; {@code hidden} (Catwalk's home,
     * its working directory) are covered with an empty tmpfs when they lie in a bound system directory;
     * {@code dropTo} is the uid/gid the child gets via setpriv (empty: keep Catwalk's).
     */
    static Sandbox bwrap(Path bwrap, Path root, OptionalInt dropTo, List<Path> hidden, String version) {
        return new Sandbox(Objects.requireNonNull(bwrap), root.toAbsolutePath().normalize(), dropTo,
                hidden.stream().map(p -> p.toAbsolutePath().normalize()).toList(), version);
    }

    /** Whether children run in bubblewrap. */
    public boolean isOn() {
        return bwrap != null;
    }

    /** e.g. {@code "bubblewrap 0.8.0"}; empty when off. */
    public String version() {
        return version;
    }

    /** The host directory holding workspaces and caches (empty when off). */
    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /**
     * The argv that runs {@code command} in its sandbox, creating its directories first; the command's own
     * argv when off. Throws {@link UncheckedIOException} when a directory cannot be made.
     */
    List<String> argv(ServerCommand command) {
        if (!isOn()) {
            return command.argv();
        }
        ServerCommand.Workspace workspace = command.workspace().orElseGet(() -> {
            String name = "anonymous-" + ProcessHandle.current().pid() + "-" + ANONYMOUS.incrementAndGet();
            return new ServerCommand.Workspace(name, name);
        });
        Path home = root.resolve("workspaces").resolve(workspace.name()).resolve("home");
        Path cache = root.resolve("cache").resolve(workspace.owner());
        try {
            for (Path dir : List.of(home, cache.resolve("npm"), cache.resolve("cache"))) {
                prepare(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox directories of " + workspace, e);
        }
        return argv(command.argv(), home, cache.resolve("npm"), cache.resolve("cache"));
    }

    /**
     * Whether a child sees the host's {@code path} at the same place: always without a sandbox; with one, when
     * it lies in a system directory the sandbox binds (and not in a hidden one), and so does the file it links to.
     */
    boolean shows(Path path) {
        if (!isOn()) {
            return true;
        }
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return bound(absolute) && bound(absolute.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private boolean bound(Path path) {
        return hidden.stream().noneMatch(path::startsWith) && SYSTEM.stream().map(Path::of)
                .anyMatch(dir -> path.startsWith(dir)
                        && (Files.isSymbolicLink(dir) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)));
    }

    /** The environment a sandboxed child gets: its home, its /tmp, its user's name. */
    Map<String, String> adjust(Map<String, String> env) {
        if (isOn()) {
            env.put("HOME", HOME);
            env.put("TMPDIR", "/tmp");
            if (dropTo.isPresent()) {
                env.put("USER", "nobody");
                env.put("LOGNAME", "nobody");
            }
        }
        return env;
    }

    /** The bubblewrap argv around {@code program}, binding the given host directories. Pure. */
    List<String> argv(List<String> program, Path home, Path npmCache, Path cache) {
        List<String> argv = new ArrayList<>(List.of(bwrap.toString(),
                "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try"));
        for (String dir : SYSTEM) {
            Path path = Path.of(dir);
            if (hidden.contains(path)) {
                continue; // e.g. CATWALK_HOME=/opt: then /opt is not shown at all
            }
            if (Files.isSymbolicLink(path)) {
                try {
                    argv.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                argv.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (Path path : hidden) {
            if (SYSTEM.stream().anyMatch(s -> path.startsWith(s) && !path.equals(Path.of(s)))) {
                // A file (the keyset, the deployments file) is covered with an empty one, a directory with a tmpfs.
                argv.addAll(Files.isRegularFile(path) ? List.of("--ro-bind", "/dev/null", path.toString())
                        : List.of("--tmpfs", path.toString()));
            }
        }
        argv.addAll(List.of("--ro-bind-try", "/run/systemd/resolve", "/run/systemd/resolve",
                "--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--tmpfs", "/tmp",
                "--perms", "0755", "--dir", "/home",
                "--bind", home.toString(), HOME,
                "--bind", npmCache.toString(), HOME + "/.npm",
                "--bind", cache.toString(), HOME + "/.cache",
                "--chdir", HOME));
        if (dropTo.isPresent()) {
            String id = Integer.toString(dropTo.getAsInt());
            argv.addAll(List.of("setpriv", "--reuid", id, "--regid", id, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        argv.addAll(program);
        return argv;
    }

    private void prepare(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        if (dropTo.isPresent()) {
            Files.setAttribute(dir, "unix:uid", dropTo.getAsInt(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:gid", dropTo.getAsInt(), LinkOption.NOFOLLOW_LINKS);
        }
    }
}
