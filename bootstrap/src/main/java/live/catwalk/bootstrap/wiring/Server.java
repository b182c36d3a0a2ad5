package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.DatabaseInUse;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.bootstrap.config.ConfigException;
import live.catwalk.bootstrap.config.ConfigVariable;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.bootstrap.config.DeploymentsFile;
import live.catwalk.bootstrap.config.Storage;
import live.catwalk.bootstrap.config.Version;

/**
 * A started Catwalk: the configuration read from a variables map, the home prepared, the vault and database
 * opened, the sandbox chosen and the {@link Application} serving. What {@code catwalk serve} and the embedding
 * API ({@link live.catwalk.bootstrap.Catwalk}) both run, so they cannot drift apart. {@link #close} stops it all.
 */
public final class Server implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    /**
     * Why Catwalk did not start: whether the configuration is at fault (for {@code catwalk serve}, exit code 2) or
     * starting failed (exit code 1), and the lines it prints.
     */
    public static final class CannotStart extends Exception {
        private final boolean badConfiguration;
        private final List<String> lines;

        CannotStart(boolean badConfiguration, List<String> lines) {
            super(String.join("\n", lines));
            this.badConfiguration = badConfiguration;
            this.lines = List.copyOf(lines);
        }

        /** True when a configuration value is bad or missing, false when starting failed for another reason. */
        public boolean badConfiguration() {
            return badConfiguration;
        }

        public List<String> lines() {
            return lines;
        }
    }

    private final Application application;
    private final Storage storage;
    private final boolean embedded;

    private Server(Application application, Storage storage, boolean embedded) {
        this.application = application;
        this.storage = storage;
        this.embedded = embedded;
    }

    /**
     * Reads the configuration from {@code env} and starts serving; the first admin's token (on an empty
     * database) goes to {@code console} unless a token file is configured.
     */
    public static Server open(Map<String, String> env, PrintStream console) throws CannotStart {
        CatwalkConfig config;
        List<ConfiguredDeployment> deployments;
        try {
            config = CatwalkConfig.fromEnvironment(env);
            deployments = config.deploymentsFile().map(DeploymentsFile::read).orElse(List.of());
        } catch (ConfigException e) {
            throw invalid(e.problems().stream()
                    .map(p -> "catwalk: invalid configuration: " + ConfigException.line(p)).toList());
        }
        Logging.configure(config.logLevel());
        for (String unknown : CatwalkConfig.unknownVariables(env)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unknown variable " + unknown
                    + " (known: " + Arrays.stream(ConfigVariable.values()).map(v -> v.envName).toList() + ")");
        }
        String version = Version.current();
        Storage storage = config.storage();
        // Before anything is created in the home: a busy port must not leave a new admin and keyset behind.
        Optional<String> portTaken = Ports.problem(config.bind(), config.port());
        if (portTaken.isPresent()) {
            throw failed(cannotListen(config, portTaken.get()));
        }
        TinkVault vault;
        try {
            HomeDirectory.prepare(storage.home());
            vault = Vaults.open(storage.keyset());
        } catch (IllegalArgumentException | IOException e) {
            throw invalid(List.of("catwalk: invalid configuration: "
                    + keysetVariable(storage.keyset()) + ": " + e.getMessage()));
        }
        Sandboxes.Choice sandbox;
        try {
            sandbox = Sandboxes.choose(config.servers().sandbox(), storage.home(), env);
        } catch (Sandboxes.Unavailable e) {
            throw invalid(List.of("catwalk: " + e.getMessage()));
        }
        Database database;
        try {
            database = Database.open(storage.database(), storage.poolSize());
        } catch (DatabaseInUse e) {
            throw failed("catwalk: cannot open the database: " + PidFile.explain(e, storage.home()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw failed("catwalk: cannot open the database: " + e.getMessage());
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
            throw invalid(List.of("catwalk: invalid configuration: CATWALK_HOME: "
                    + e.getMessage()));
        }
        LOG.log(System.Logger.Level.INFO, "database: " + database.vendor() + " at " + storage.database().redacted()
                + ", schema version " + database.schemaVersion() + "; vault: " + vault);
        Application application;
        try {
            application = Application.start(config, deployments, env, version, database, vault, console, sandbox);
        } catch (BindException e) {
            PidFile.remove(storage.home());
            throw failed(cannotListen(config, e.getMessage()));
        } catch (IOException e) {
            PidFile.remove(storage.home());
            throw failed("catwalk: cannot start the server: " + e.getMessage());
        }
        LOG.log(System.Logger.Level.INFO, "Catwalk " + version + " serving " + application.uri()
                + " (health: " + application.uri().resolve("api/health") + ")");
        return new Server(application, storage, embedded);
    }

    public Application application() {
        return application;
    }

    /** Drains and stops everything ({@link Application#close}), then releases the home's pid file. */
    @Override
    public void close() {
        application.close();
        if (embedded) {
            PidFile.remove(storage.home());
        }
    }

    private static CannotStart invalid(List<String> lines) {
        return new CannotStart(true, lines);
    }

    private static CannotStart failed(String line) {
        return new CannotStart(false, List.of(line));
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
