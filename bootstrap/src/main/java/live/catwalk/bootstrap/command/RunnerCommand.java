package live.catwalk.bootstrap.command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import live.catwalk.bootstrap.config.ConfigException;
import live.catwalk.bootstrap.config.RunnerSettings;
import live.catwalk.bootstrap.config.Version;
import live.catwalk.bootstrap.wiring.Logging;
import live.catwalk.bootstrap.wiring.RunnerApplication;
import live.catwalk.bootstrap.wiring.ShutdownSafeLogManager;

/** {@code catwalk runner}: reads the runner's variables, serves its deployment until SIGTERM or SIGINT. */
final class RunnerCommand {

    private static final System.Logger LOG = System.getLogger(RunnerCommand.class.getName());

    private RunnerCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(Usage.RUNNER);
            return Main.OK;
        }
        if (!args.isEmpty()) {
            err.println("catwalk runner: unexpected argument '" + args.getFirst()
                    + "'. The runner is configured with environment variables; run 'catwalk runner --help'.");
            return Main.USAGE;
        }
        RunnerSettings settings;
        try {
            settings = RunnerSettings.fromEnvironment(env);
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("catwalk runner: invalid configuration: " + ConfigException.line(p)));
            return Main.USAGE;
        }
        Logging.configure(Level.INFO);
        String version = Version.current();
        RunnerApplication runner;
        try {
            runner = RunnerApplication.start(settings, env, version);
        } catch (IOException e) {
            err.println("catwalk runner: cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage() + ". Set " + RunnerSettings.BIND + " to a free host:port.");
            return Main.FAILED;
        }
        LOG.log(System.Logger.Level.INFO, "Catwalk runner " + version + " serving " + runner.uri()
                + " (deployment " + settings.deployment() + ", " + settings.argv().getFirst() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "stopping: new connections are refused, then the server is stopped");
            try {
                runner.close();
                LOG.log(System.Logger.Level.INFO, "stopped");
            } finally {
                stopped.countDown();
                ShutdownSafeLogManager.resetAtExit();
            }
            // Stopped cleanly on request: exit 0, not 128 + the signal's number, which a machine's restart policy
            // would read as a failure. Nothing else of the runner's is left for the other shutdown hooks.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(Main.OK);
        }, "catwalk-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
