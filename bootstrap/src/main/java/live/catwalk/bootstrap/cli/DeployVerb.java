package live.catwalk.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code catwalk deploy npm:@scope/pkg[@v] | pypi:pkg[==v] | github:owner/repo}: creates the deployment (for a
 * GitHub repository, from its analysis, asking without echo for required secrets not given), then shows its
 * status until it runs or fails.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy a package (npm:NAME[@VERSION], pypi:NAME[==VERSION]) or a GitHub repository "
                + "(github:OWNER/REPO[/tree/BRANCH/FOLDER]), then wait until it runs.")
final class DeployVerb extends Verbs.Verb {

    static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Pattern NPM = Pattern.compile("npm:((?:@[^/@\\s]+/)?[^@\\s]+)(?:@(\\S+))?");
    private static final Pattern PYPI = Pattern.compile("pypi:([^=\\s]+)(?:==(\\S+))?");

    @Parameters(paramLabel = "WHAT", description = "npm:NAME[@VERSION], pypi:NAME[==VERSION] or github:OWNER/REPO")
    String what;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A variable for the server (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--arg", paramLabel = "ARG", description = "An argument after the package (repeatable, in order).")
    List<String> args = new ArrayList<>();

    @Option(names = "--name", description = "The deployment's name (default: the package's or repository's).")
    String name;

    @Option(names = "--session-mode", description = "shared (the default) or isolated.")
    String sessionMode;

    @Option(names = "--suspend-after", paramLabel = "MINUTES",
            description = "Suspend the server after this many idle minutes (1-1440; Fly runtime only).")
    Long suspendAfter;

    @Option(names = "--no-wait", description = "Return once created, without waiting for it to run.")
    boolean noWait;

    DeployVerb(Terminal t) {
        super(t);
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> variables = variables();
        ApiClient api = api();
        Map<String, Object> body = new LinkedHashMap<>();
        Matcher npm = NPM.matcher(what);
        Matcher pypi = PYPI.matcher(what);
        if (what.startsWith("github:")) {
            JsonNode job = Analyses.run(api, t, what.substring("github:".length()), false);
            String id = job.path("id").asText();
            JsonNode form = api.get("/api/analyses/" + id + "/form");
            for (JsonNode field : form.path("fields")) {
                String n = field.path("name").asText();
                if (field.path("required").asBoolean() && !variables.containsKey(n) && !field.hasNonNull("default")) {
                    variables.put(n, t.secret(field.path("label").asText() + " (" + n + "): ", n));
                }
            }
            body.put("analysisId", id);
            body.put("args", args);
        } else if (npm.matches() || pypi.matches()) {
            Matcher m = npm.matches() ? npm : pypi;
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("registry", npm.matches() ? "npm" : "pypi");
            pkg.put("name", m.group(1));
            if (m.group(2) != null) {
                pkg.put("version", m.group(2));
            }
            pkg.put("args", args);
            body.put("package", pkg);
            body.put("name", name != null ? name : m.group(1).substring(m.group(1).lastIndexOf('/') + 1));
        } else {
            throw new CommandLine.ParameterException(new CommandLine(this), "cannot deploy '" + what
                    + "': give npm:NAME[@VERSION], pypi:NAME[==VERSION] or github:OWNER/REPO");
        }
        if (name != null) {
            body.put("name", name);
        }
        body.put("env", variables);
        if (sessionMode != null) {
            body.put("sessionMode", sessionMode);
        }
        if (suspendAfter != null) {
            body.put("suspendAfterMinutes", suspendAfter);
        }
        JsonNode created = api.post("/api/deployments", body);
        String id = created.path("id").asText();
        t.err().println("created " + created.path("name").asText() + " (" + id + "), running "
                + Verbs.what(created));
        JsonNode last = noWait ? created : awaitRunning(api, id);
        if (json) {
            t.out().println(created.toPrettyString());
            return 0;
        }
        t.out().println("MCP URL: " + created.path("mcpUrl").asText());
        t.out().println("Token:   " + created.path("token").asText());
        t.err().println("The token is shown once. Connect Claude Code with: catwalk connect " + id
                + "  (status " + last.path("status").asText() + ")");
        return 0;
    }

    private JsonNode awaitRunning(ApiClient api, String id) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String shown = "";
        while (true) {
            JsonNode d = api.get("/api/deployments/" + id);
            String status = d.path("status").asText();
            if (!status.equals(shown)) {
                t.err().println("  " + status);
                shown = status;
            }
            if (status.equals("running")) {
                return d;
            }
            if (status.equals("failed")) {
                throw new CliFailure(d.path("name").asText() + " failed: " + d.path("reason").asText()
                        + "\n  hint: 'catwalk logs " + id + "' shows the server's output");
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure(id + " is not running after " + PATIENCE.toMinutes() + " minutes (it is "
                        + status + "); follow it with 'catwalk status " + id + "'");
            }
            Thread.sleep(500);
        }
    }

    private Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--env takes NAME=VALUE, not '"
                        + (e.length() > 40 ? e.substring(0, 40) + "…" : e) + "'");
            }
            variables.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return variables;
    }
}
