package live.catwalk.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.DatabaseInUse;
import live.catwalk.adapters.persistence.vault.TinkVault;

/** {@code catwalk <command>}: parses the command line and the configuration, then runs the command. */
public final class Main {

    static {
        // Must happen before anything touches java.util.logging; see ShutdownSafeLogManager.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
    }

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
        // On OK, return normally: after 'serve' the JVM is already running its shutdown hooks, and
        // System.exit() from here would block until they end.
    }

    /** Runs one command to completion and returns its exit code; {@code serve} returns only on failure. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(Usage.MAIN);
            return USAGE;
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "-h", "--help", "help" -> {
                out.print(Usage.MAIN);
                return OK;
            }
            case "-V", "--version", "version" -> {
                out.println("catwalk " + Version.current());
                return OK;
            }
            case "serve" -> {
                if (rest.contains("-h") || rest.contains("--help")) {
                    out.print(Usage.SERVE);
                    return OK;
                }
                if (!rest.isEmpty()) {
                    err.println("catwalk serve: unexpected argument '" + rest.getFirst()
                            + "'. Configure the server with environment variables; run 'catwalk serve --help'.");
                    return USAGE;
                }
                return serve(env, out, err);
            }
            case "keys" -> {
                return KeysCommand.run(rest, env, out, err);
            }
            default -> {
                err.println("catwalk: unknown command '" + command + "'. Run 'catwalk --help' for the commands.");
                return USAGE;
            }
        }
    }

    private static int serve(Map<String, String> env, PrintStream out, PrintStream err) {
        CatwalkConfig config;
        List<ConfiguredDeployment> deployments;
        try {
            config = CatwalkConfig.fromEnvironment(env);
            deployments = config.deploymentsFile().map(DeploymentsFile::read).orElse(List.of());
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("catwalk: invalid configuration: " + ConfigException.line(p)));
            return USAGE;
        }
        Logging.configure(config.logLevel());
        for (String unknown : CatwalkConfig.unknownVariables(env)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unknown variable " + unknown
                    + " (known: " + Arrays.stream(ConfigVariable.values()).map(v -> v.envName).toList() + ")");
        }

        String version = Version.current();
        Storage storage = config.storage();
        TinkVault vault;
        Database database;
        // Before anything is created in the home: a busy port must not leave a new admin and keyset behind.
        Optional<String> portTaken = Ports.problem(config.bind(), config.port());
        if (portTaken.isPresent()) {
            err.println(cannotListen(config, portTaken.get()));
            return FAILED;
        }
        try {
            HomeDirectory.prepare(storage.home());
            vault = Vaults.open(storage.keyset());
        } catch (IllegalArgumentException | IOException e) {
            err.println("catwalk: invalid configuration: " + keysetVariable(storage.keyset()) + ": " + e.getMessage());
            return USAGE;
        }
        Sandboxes.Choice sandbox;
        try {
            sandbox = Sandboxes.choose(config.servers().sandbox(), storage.home(), env);
        } catch (Sandboxes.Unavailable e) {
            err.println("catwalk: " + e.getMessage());
            return USAGE;
        }
        try {
            database = Database.open(storage.database(), storage.poolSize());
        } catch (DatabaseInUse e) {
            err.println("catwalk: cannot open the database: " + PidFile.explain(e, storage.home()));
            return FAILED;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("catwalk: cannot open the database: " + e.getMessage());
            return FAILED;
        }
        boolean embedded = !storage.database().isPostgres();
        if (embedded) {
            PidFile.write(storage.home(), "catwalk serve");
        }
        try {
            HomeDirectory.tightenFiles(storage.home());
        } catch (IOException e) {
            database.close();
            PidFile.remove(storage.home());
            err.println("catwalk: invalid configuration: CATWALK_HOME: " + e.getMessage());
            return USAGE;
        }
        LOG.log(System.Logger.Level.INFO, "database: " + database.vendor() + " at " + storage.database().redacted()
                + ", schema version " + database.schemaVersion() + "; vault: " + vault);
        Application application;
        try {
            application = Application.start(config, deployments, env, version, database, vault, out, sandbox);
        } catch (BindException e) {
            PidFile.remove(storage.home());
            err.println(cannotListen(config, e.getMessage()));
            return FAILED;
        } catch (IOException e) {
            PidFile.remove(storage.home());
            err.println("catwalk: cannot start the server: " + e.getMessage());
            return FAILED;
        }
        LOG.log(System.Logger.Level.INFO, "Catwalk " + version + " serving " + application.uri()
                + " (health: " + application.uri().resolve("api/health") + ")");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "stopping: new connections are refused; in-flight requests get up to "
                    + Application.DRAIN.toSeconds() + " s, then the MCP servers are stopped and their sessions ended");
            try {
                application.close();
                if (embedded) {
                    PidFile.remove(storage.home());
                }
                LOG.log(System.Logger.Level.INFO, "stopped");
            } finally {
                stopped.countDown();
                ShutdownSafeLogManager.resetAtExit();
            }
        }, "catwalk-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private static String cannotListen(CatwalkConfig config, String why) {
        return "catwalk: cannot listen on " + config.bind() + ":" + config.port() + ": " + why
                + ". Set CATWALK_PORT to a free port (0 picks one) or CATWALK_BIND to an address of this machine.";
    }

    private static String keysetVariable(Storage.Keyset keyset) {
        return switch (keyset) {
            case Storage.Keyset.Inline inline -> ConfigVariable.KEYSET.envName;
            case Storage.Keyset.File file -> ConfigVariable.KEYSET_FILE.envName;
            case Storage.Keyset.Generated generated -> ConfigVariable.HOME.envName;
        };
    }

}
