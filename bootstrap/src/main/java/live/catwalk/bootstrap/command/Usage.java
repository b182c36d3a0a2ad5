package live.catwalk.bootstrap.command;

import java.util.Arrays;
import java.util.stream.Collectors;
import live.catwalk.bootstrap.config.ConfigVariable;

/** The help texts; configuration lines are generated from {@link ConfigVariable} so they cannot drift. */
final class Usage {

    private Usage() {
    }

    static final String CONFIGURATION = Arrays.stream(ConfigVariable.values())
            .map(v -> String.format("  %-24s %s%s%n", v.envName, v.expected, defaultText(v)))
            .collect(Collectors.joining());

    /** " (default X)", or nothing when the variable has no default value (its text says what unset means). */
    static String defaultText(ConfigVariable v) {
        return v.defaultValue.isEmpty() ? "" : " (default " + v.defaultValue + ")";
    }

    static final String MAIN = """
            Usage: catwalk <command> [options]

            Turns MCP servers published on npm or PyPI into authenticated
            MCP Streamable HTTP endpoints.

            Server commands:
              serve          Run the Catwalk server until SIGTERM or SIGINT.
              keys           Show, rotate or generate the credential vault's keyset.
              runner         Serve one deployment on a Fly machine (started by Catwalk).

            Client commands (talk to a server; each has --help):
              login          Store a server's URL and your personal token.
              deploy         Deploy npm:PKG, pypi:PKG or github:OWNER/REPO; wait until it runs.
              analyze        Analyse a GitHub repository.
              ls             List your deployments.
              status ID      Show one deployment.
              logs ID [-f]   Print (and follow) a server's output.
              stop|start|restart ID
                             Change what should run.
              rm ID          Delete a deployment.
              token rotate ID
                             A new access token; the old one stops working.
              connect ID     How Claude Code, Claude Desktop or another client connects.
              apps ID        Applications connected through OAuth; --revoke GRANT disconnects one.

            Options:
              -h, --help     Show this help and exit.
              -V, --version  Print the version and exit.

            Run 'catwalk serve --help' for the server's configuration.
            """;

    static final String KEYS = """
            Usage: catwalk keys <status|rotate|generate>

              status    List the vault's keys and how many stored secrets each protects.
              rotate    Add a new primary key to the keyset file, then re-seal every stored
                        secret under it in one transaction. Older keys stay, so secrets keep
                        opening throughout. Needs a keyset file (CATWALK_KEYSET_FILE or the
                        generated one), not CATWALK_KEYSET.
              generate  Print a new keyset (Tink JSON) to standard output, for
                        CATWALK_KEYSET_FILE (chmod 600) or, base64-encoded, CATWALK_KEYSET.

            status and rotate read the same configuration as 'catwalk serve' (DATABASE_URL,
            CATWALK_HOME, CATWALK_KEYSET, CATWALK_KEYSET_FILE).
            """;

    static final String RUNNER = """
            Usage: catwalk runner

            Runs one deployment's MCP server and serves it at /mcp/{deploymentId}, with
            GET /status and GET /logs?lines=N, on a machine Catwalk started. Every request
            needs Authorization: Bearer <runner secret> (401 without); MCP requests name
            their caller in the Catwalk-Principal header (400 without), and each session
            stays that caller's. There is no database, vault or control plane here.
            Stops on SIGTERM or SIGINT as 'catwalk serve' does.

            Configuration (environment variables, set by Catwalk):
              CATWALK_RUNNER_SPEC    base64url (no padding) of the deployment's JSON:
                                     {"deployment":ID,"argv":[...],"env":{...},
                                      "sessionMode":"shared"|"isolated"}
              CATWALK_RUNNER_SECRET  32 to 256 letters or digits
              CATWALK_RUNNER_BIND    host:port (default 0.0.0.0:8080; port 0 picks one)

            A bad or missing value stops start-up with exit code 2 and names the variable.
            """;

    static final String SERVE = """
            Usage: catwalk serve

            Runs the REST API (/api) and the MCP endpoints (/mcp/{deploymentId}) on one port.
            Stops on SIGTERM or SIGINT: new connections are refused at once and requests in
            flight get up to 3 seconds to finish; then the MCP servers are stopped (stdin
            closed, SIGTERM after 1 s, SIGKILL 3 s later) and the sessions still open are
            ended. The process exits within 10 seconds.

            Configuration (environment variables):
            """ + CONFIGURATION + """

            A bad value stops start-up with exit code 2 and names the variable.
            """;
}
