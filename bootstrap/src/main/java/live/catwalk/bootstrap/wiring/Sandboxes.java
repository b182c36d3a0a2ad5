package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.runner.Sandbox;
import live.catwalk.runner.SandboxProbe;

/** Chooses the servers' sandbox at start from {@code CATWALK_SANDBOX} and a probe of bubblewrap. */
final class Sandboxes {

    private static final System.Logger LOG = System.getLogger(Sandboxes.class.getName());
    private static final long LAUNCH_TIMEOUT_SECONDS = 10;

    private Sandboxes() {
    }

    /** Thrown when {@code CATWALK_SANDBOX=required} and bubblewrap does not work; the message says why. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The sandbox servers run in; whether plain users' packages may run (in the sandbox, or without one when the
     * admin opted out with {@code off}); the health detail; and a test launch the way servers are launched
     * (empty when it worked, else why not), for health to repeat.
     */
    record Choice(Sandbox sandbox, boolean usersMayRunPackages, String detail, Supplier<Optional<String>> testLaunch) {

        /** No sandbox, as an explicit opt-out: everything runs as before, as Catwalk's user. */
        static Choice off() {
            return new Choice(Sandbox.none(), true, "off: servers run as Catwalk's own user", Sandboxes::launchTrue);
        }
    }

    /** Runs {@code true} as Catwalk's own user, as servers run without a sandbox: empty when it worked. */
    static Optional<String> launchTrue() {
        try {
            Process process = new ProcessBuilder("true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("'true' did not end within " + LAUNCH_TIMEOUT_SECONDS + " s");
            }
            return process.exitValue() == 0 ? Optional.empty() : Optional.of("'true' ended with " + process.exitValue());
        } catch (IOException e) {
            return Optional.of("cannot start a process: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The sandbox servers run in under {@code home}/sandboxes; logs a warning when there is none. */
    static Choice choose(CatwalkConfig.SandboxMode mode, Path home, Map<String, String> env) throws Unavailable {
        if (mode == CatwalkConfig.SandboxMode.OFF) {
            LOG.log(System.Logger.Level.WARNING, "sandbox: off (CATWALK_SANDBOX=off): servers run as Catwalk's own"
                    + " user and can read its files; run Catwalk this way only for a single user");
            return Choice.off();
        }
        List<Path> hidden = new ArrayList<>(List.of(home, Path.of(System.getProperty("user.dir"))));
        // Files an operator may keep in /etc or /opt, which servers see read-only: never their contents.
        for (String variable : List.of("CATWALK_KEYSET_FILE", "CATWALK_DEPLOYMENTS_FILE", "CATWALK_ADMIN_TOKEN_FILE")) {
            String value = env.getOrDefault(variable, "");
            if (!value.isBlank()) {
                hidden.add(Path.of(value).toAbsolutePath().normalize());
            }
        }
        String userHome = System.getProperty("user.home");
        if (userHome != null && !userHome.isBlank() && !userHome.equals("?")) {
            hidden.add(Path.of(userHome));
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        SandboxProbe.Result probed = SandboxProbe.probe(home.resolve("sandboxes"), hidden, path);
        if (probed.sandbox().isPresent()) {
            LOG.log(System.Logger.Level.INFO, "sandbox: " + probed.sandbox().get().version()
                    + "; servers run in it under " + home.resolve("sandboxes"));
            List<Path> hiddenNow = List.copyOf(hidden);
            return new Choice(probed.sandbox().get(), true, "servers run in " + probed.sandbox().get().version(),
                    () -> {
                        SandboxProbe.Result again = SandboxProbe.probe(home.resolve("sandboxes"), hiddenNow, path);
                        return again.sandbox().isPresent() ? Optional.empty() : Optional.of(again.problem());
                    });
        }
        if (mode == CatwalkConfig.SandboxMode.REQUIRED) {
            throw new Unavailable("CATWALK_SANDBOX=required but " + probed.problem()
                    + ". Install bubblewrap (apt-get install bubblewrap), or set CATWALK_SANDBOX=auto or off.");
        }
        LOG.log(System.Logger.Level.WARNING, "sandbox: off (" + probed.problem() + "): servers run as Catwalk's own"
                + " user; only admins may deploy packages. Install bubblewrap (apt-get install bubblewrap), or set"
                + " CATWALK_SANDBOX=off for a single-user instance");
        return new Choice(Sandbox.none(), false, "off: servers run as Catwalk's own user (" + probed.problem()
                + "); only admins may deploy packages", Sandboxes::launchTrue);
    }
}
