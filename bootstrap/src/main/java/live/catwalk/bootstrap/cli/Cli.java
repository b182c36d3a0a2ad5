package live.catwalk.bootstrap.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code catwalk <verb>} for the client verbs: each a REST client of the server {@code catwalk login} stored.
 * Exit codes: 0 done, 1 failed (the reason printed), 2 usage (what is wrong printed, with the verb's usage).
 */
@Command(name = "catwalk", mixinStandardHelpOptions = true, description = "Talk to a Catwalk server.")
public final class Cli {

    /** The verbs this class runs; {@code serve} and {@code keys} are the server's own. */
    public static final Set<String> VERBS = Set.of("login", "deploy", "ls", "status", "logs", "stop", "start",
            "restart", "rm", "token", "connect", "analyze", "apps");

    private Cli() {
    }

    /** Runs {@code args} (a verb first) and returns its exit code. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err,
                          InputStream in) {
        Terminal terminal = Terminal.of(out, err, env, in);
        CommandLine cli = new CommandLine(new Cli());
        cli.addSubcommand("login", new Verbs.LoginVerb(terminal));
        cli.addSubcommand("deploy", new DeployVerb(terminal));
        cli.addSubcommand("analyze", new Verbs.AnalyzeVerb(terminal));
        cli.addSubcommand("ls", new Verbs.ListVerb(terminal));
        cli.addSubcommand("status", new Verbs.StatusVerb(terminal));
        cli.addSubcommand("logs", new Verbs.LogsVerb(terminal));
        for (String change : List.of("stop", "start", "restart")) {
            cli.addSubcommand(change, new Verbs.ChangeVerb(terminal, change));
        }
        cli.addSubcommand("rm", new Verbs.RemoveVerb(terminal));
        cli.addSubcommand("token", new Verbs.TokenVerb(terminal));
        cli.addSubcommand("connect", new Verbs.ConnectVerb(terminal));
        cli.addSubcommand("apps", new AppsVerb(terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> e instanceof CliFailure ? 1 : 2);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliFailure) {
                err.println("catwalk " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args.toArray(String[]::new));
    }
}
