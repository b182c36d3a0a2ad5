package live.catwalk.bootstrap.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import live.catwalk.bootstrap.cli.Cli;
import live.catwalk.bootstrap.config.Version;
import live.catwalk.bootstrap.wiring.Application;
import live.catwalk.bootstrap.wiring.Server;
import live.catwalk.bootstrap.wiring.ShutdownSafeLogManager;

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
            case "runner" -> {
                return RunnerCommand.run(rest, env, out, err);
            }
            default -> {
                if (Cli.VERBS.contains(command)) {
                    return Cli.run(args, env, out, err, System.in);
                }
                err.println("catwalk: unknown command '" + command + "'. Run 'catwalk --help' for the commands.");
                return USAGE;
            }
        }
    }

    private static int serve(Map<String, String> env, PrintStream out, PrintStream err) {
        Server server;
        try {
            server = Server.open(env, out);
        } catch (Server.CannotStart e) {
            e.lines().forEach(err::println);
            return e.badConfiguration() ? USAGE : FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "stopping: new connections are refused; in-flight requests get up to "
                    + Application.DRAIN.toSeconds() + " s, then the MCP servers are stopped and their sessions ended");
            try {
                server.close();
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
}
