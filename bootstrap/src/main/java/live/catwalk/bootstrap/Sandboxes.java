package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.catwalk.runner.Sandbox;
import live.catwalk.runner.SandboxProbe;

/** Chooses the servers' sandbox at start from {@code CATWALK_SANDBOX} and a probe of bubblewrap. */
final class Sandboxes {

    private static final System.Logger LOG = System.getLogger(Sandboxes.class.getName());

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
     * admin opted out with {@code off}); and the health detail.
     */
    record Choice(Sandbox sandbox, boolean usersMayRunPackages, String detail) {

        /** No sandbox, as an explicit opt-out: everything runs as before, as Catwalk's user. */
        static Choice off() {
            return new Choice(Sandbox.none(), true, "off: servers run as Catwalk's own user");
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
        SandboxProbe.Result probed = SandboxProbe.probe(home.resolve("sandboxes"), hidden,
                env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        if (probed.sandbox().isPresent()) {
            LOG.log(System.Logger.Level.INFO, "sandbox: " + probed.sandbox().get().version()
                    + "; servers run in it under " + home.resolve("sandboxes"));
            return new Choice(probed.sandbox().get(), true, probed.sandbox().get().version());
        }
        if (mode == CatwalkConfig.SandboxMode.REQUIRED) {
            throw new Unavailable("CATWALK_SANDBOX=required but " + probed.problem()
                    + ". Install bubblewrap (apt-get install bubblewrap), or set CATWALK_SANDBOX=auto or off.");
        }
        LOG.log(System.Logger.Level.WARNING, "sandbox: off (" + probed.problem() + "): servers run as Catwalk's own"
                + " user; only admins may deploy packages. Install bubblewrap (apt-get install bubblewrap), or set"
                + " CATWALK_SANDBOX=off for a single-user instance");
        return new Choice(Sandbox.none(), false, "off: servers run as Catwalk's own user (" + probed.problem()
                + "); only admins may deploy packages");
    }
}
