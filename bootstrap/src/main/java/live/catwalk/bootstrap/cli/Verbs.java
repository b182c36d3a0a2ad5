package live.catwalk.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The CLI's verbs but {@code deploy}: each one request or a short poll of the API. */
final class Verbs {

    private Verbs() {
    }

    /** A verb over the stored login; {@code --json} prints the API's answer as it is. */
    abstract static class Verb implements Callable<Integer> {
        final Terminal t;

        @Option(names = "--json", description = "Print the server's JSON answer.")
        boolean json;

        Verb(Terminal t) {
            this.t = t;
        }

        ApiClient api() {
            return Login.in(t.env()).client();
        }

        /** {@code answer} as JSON when asked for, else as {@code text} says. */
        int print(JsonNode answer, Runnable text) {
            if (json) {
                t.out().println(answer.toPrettyString());
            } else {
                text.run();
            }
            return 0;
        }

        static String deployment(String id) {
            if (!id.matches("[A-Za-z0-9_-]{1,100}")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Object()),
                        "not a deployment id: " + id);
            }
            return "/api/deployments/" + id;
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Store the server and a personal token (cwk_…) for the other verbs (file mode 0600).")
    static final class LoginVerb implements Callable<Integer> {
        private final Terminal t;

        @Option(names = "--server", required = true, description = "The server's URL, e.g. http://127.0.0.1:8080")
        URI server;

        @Option(names = "--token", description = "The token; asked for without echo when left out.")
        String token;

        LoginVerb(Terminal t) {
            this.t = t;
        }

        @Override
        public Integer call() {
            if (!("http".equals(server.getScheme()) || "https".equals(server.getScheme())) || server.getHost() == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--server must be an http(s) URL, e.g. http://127.0.0.1:8080");
            }
            String secret = token != null ? token : t.secret("Personal token (cwk_…): ", "the token");
            ApiClient api = new ApiClient(server, secret);
            JsonNode me = api.get("/api/me");
            Login login = Login.in(t.env());
            login.save(server, secret);
            t.out().println("Logged in to " + server + " as " + me.path("name").asText() + " ("
                    + me.path("role").asText() + "); saved in " + login.file());
            return 0;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List your deployments.")
    static final class ListVerb extends Verb {
        ListVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() {
            JsonNode page = api().get("/api/deployments?limit=100");
            return print(page, () -> {
                t.out().printf("%-38s %-24s %-10s %s%n", "ID", "NAME", "STATUS", "WHAT");
                for (JsonNode d : page.path("items")) {
                    t.out().printf("%-38s %-24s %-10s %s%n", d.path("id").asText(), d.path("name").asText(),
                            d.path("status").asText(), what(d));
                }
            });
        }
    }

    static String what(JsonNode d) {
        JsonNode p = d.path("package");
        return p.isObject() ? p.path("registry").asText() + ":" + p.path("name").asText() + "@"
                + p.path("version").asText() : String.join(" ", strings(d.path("command")));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show one deployment.")
    static final class StatusVerb extends Verb {
        @Parameters(paramLabel = "ID", description = "The deployment's id.")
        String id;

        StatusVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() {
            JsonNode d = api().get(deployment(id));
            return print(d, () -> {
                t.out().println(d.path("name").asText() + "  " + d.path("status").asText()
                        + (d.hasNonNull("reason") ? " (" + d.path("reason").asText() + ")" : ""));
                t.out().println("  runs     " + what(d));
                t.out().println("  wanted   " + d.path("desiredState").asText());
                t.out().println("  mcp url  " + d.path("mcpUrl").asText());
                t.out().println("  env      " + String.join(", ", strings(d.path("envNames"))));
            });
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a server's last stderr lines.")
    static final class LogsVerb extends Verb {
        @Parameters(paramLabel = "ID", description = "The deployment's id.")
        String id;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
        boolean follow;

        @Option(names = "--lines", defaultValue = "100", description = "How many lines (1-1000), default ${DEFAULT-VALUE}.")
        int lines;

        LogsVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() throws InterruptedException {
            ApiClient api = api();
            List<String> seen = strings(api.get(deployment(id) + "/logs?lines=" + lines).path("lines"));
            if (json && !follow) {
                t.out().println(ApiClient.JSON.valueToTree(Map.of("lines", seen)).toPrettyString());
                return 0;
            }
            seen.forEach(t.out()::println);
            while (follow) {
                Thread.sleep(1000);
                List<String> now = strings(api.get(deployment(id) + "/logs?lines=1000").path("lines"));
                newLines(seen, now).forEach(t.out()::println);
                seen = now;
            }
            return 0;
        }

        /** The lines of {@code now} after the longest end of {@code before} that {@code now} starts with again. */
        static List<String> newLines(List<String> before, List<String> now) {
            for (int start = 0; start < before.size(); start++) {
                List<String> tail = before.subList(start, before.size());
                if (now.size() >= tail.size() && now.subList(0, tail.size()).equals(tail)) {
                    return now.subList(tail.size(), now.size());
                }
            }
            return now;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = "Change what should run: stop, start or restart.")
    static final class ChangeVerb extends Verb {
        private final String change;

        @Parameters(paramLabel = "ID", description = "The deployment's id.")
        String id;

        ChangeVerb(Terminal t, String change) {
            super(t);
            this.change = change;
        }

        @Override
        public Integer call() {
            JsonNode d = api().post(deployment(id) + "/" + change, Map.of());
            return print(d, () -> t.out().println(d.path("name").asText() + ": " + d.path("status").asText()
                    + " (wanted " + d.path("desiredState").asText() + ")"));
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Delete a deployment: its processes stop and its variables, events and tokens are gone.")
    static final class RemoveVerb extends Verb {
        @Parameters(paramLabel = "ID", description = "The deployment's id.")
        String id;

        RemoveVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() {
            api().delete(deployment(id));
            t.out().println("deleted " + id);
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "token rotate ID: a new access token (shown once); the old one stops working at once.")
    static final class TokenVerb extends Verb {
        @Parameters(index = "0", paramLabel = "rotate", description = "The action: rotate.")
        String action;

        @Parameters(index = "1", paramLabel = "ID", description = "The deployment's id.")
        String id;

        TokenVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() {
            if (!"rotate".equals(action)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "unknown action '" + action + "'; the action is rotate");
            }
            JsonNode rotated = api().post(deployment(id) + "/token", Map.of());
            return print(rotated, () -> {
                t.out().println(rotated.path("token").asText());
                t.err().println("The new token is shown once; the old one no longer works. "
                        + "Update your clients: catwalk connect " + id);
            });
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Print how an MCP client connects to a deployment.")
    static final class ConnectVerb extends Verb {
        @Parameters(paramLabel = "ID", description = "The deployment's id.")
        String id;

        @Option(names = "--client", defaultValue = "claude-code",
                description = "claude-code, claude-desktop or json (default ${DEFAULT-VALUE}).")
        String client;

        ConnectVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() {
            JsonNode c = api().get(deployment(id) + "/connect");
            if (json) {
                t.out().println(c.toPrettyString());
                return 0;
            }
            switch (client) {
                case "claude-code" -> t.out().println(c.path("claudeCode").asText());
                case "claude-desktop" -> t.out().println(c.path("claudeDesktop").toPrettyString());
                case "json" -> t.out().println(c.path("generic").toPrettyString());
                default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--client is claude-code, claude-desktop or json, not '" + client + "'");
            }
            if (c.hasNonNull("note")) {
                t.err().println(c.path("note").asText());
            }
            return 0;
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Analyse a GitHub repository: its package, command and variables, each with its source.")
    static final class AnalyzeVerb extends Verb {
        @Parameters(paramLabel = "REPO", description = "https://github.com/owner/name, github.com/owner/name or owner/name")
        String repo;

        @Option(names = "--force", description = "Analyse again even if this commit was analysed today.")
        boolean force;

        AnalyzeVerb(Terminal t) {
            super(t);
        }

        @Override
        public Integer call() throws InterruptedException {
            JsonNode job = Analyses.run(api(), t, repo, force);
            JsonNode a = job.path("analysis");
            return print(job, () -> Analyses.describe(job.path("id").asText(), a, t));
        }
    }
}
