package live.catwalk.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** Running an analysis from the command line: start it, show its steps as they come, and describe the result. */
final class Analyses {

    static final Duration PATIENCE = Duration.ofMinutes(5);

    private Analyses() {
    }

    /** The finished, succeeded job; a failure with the server's reason and hint otherwise. */
    static JsonNode run(ApiClient api, Terminal t, String repo, boolean force) throws InterruptedException {
        JsonNode job = api.post("/api/analyses", Map.of("repo", repo, "force", force));
        String id = job.path("id").asText();
        String shown = "";
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!job.path("status").asText().equals("succeeded") && !job.path("status").asText().equals("failed")) {
            String step = job.path("progress").path("label").asText();
            if (!step.equals(shown)) {
                t.err().println("  [" + job.path("progress").path("number").asInt() + "/"
                        + job.path("progress").path("of").asInt() + "] " + step);
                shown = step;
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure("the analysis " + id + " is still running after " + PATIENCE.toMinutes()
                        + " minutes; check it later with 'catwalk analyze " + repo + "'");
            }
            Thread.sleep(300);
            job = api.get("/api/analyses/" + id);
        }
        if (job.path("status").asText().equals("failed")) {
            JsonNode e = job.path("error");
            throw new CliFailure(e.path("message").asText() + (e.hasNonNull("hint") ? "\n  hint: "
                    + e.path("hint").asText() : ""));
        }
        return job;
    }

    /** The analysis for a person: what runs, with what, from which sources, and the notices. */
    static void describe(String id, JsonNode a, Terminal t) {
        var out = t.out();
        out.println(a.path("repository").path("fullName").asText() + " @ "
                + a.path("repository").path("commit").asText().substring(0, 7) + "  (analysis " + id + ")");
        out.println("  MCP server  " + (a.path("isMcpServer").path("value").asBoolean() ? "yes" : "no")
                + source(a.path("isMcpServer")));
        JsonNode p = a.path("package");
        out.println("  package     " + (p.isObject() ? p.path("registry").asText() + ":" + p.path("name").asText()
                + (p.hasNonNull("version") ? "@" + p.path("version").asText() : "")
                + (p.path("confirmed").asBoolean() ? "" : " (not confirmed)") + source(p) : "none"));
        if (!a.path("command").isEmpty()) {
            out.println("  command     " + String.join(" ", Verbs.strings(a.path("command"))));
        }
        for (JsonNode v : a.path("env")) {
            out.println("  env         " + v.path("name").asText() + (v.path("required").asBoolean() ? " (required)" : "")
                    + (v.path("secret").asBoolean() ? " (secret)" : "") + source(v));
        }
        for (JsonNode n : a.path("notices")) {
            out.println("  note        " + n.path("message").asText()
                    + (n.hasNonNull("hint") ? " — " + n.path("hint").asText() : ""));
        }
    }

    private static String source(JsonNode sourced) {
        return "  [" + sourced.path("source").asText() + ", " + sourced.path("confidence").asText() + "]";
    }
}
