package live.catwalk.core.deployment.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The likely cause of a server's crash loop, read from the last lines it wrote to stderr, in words a person can
 * act on: a missing environment variable (and how to set it), a package with nothing to run, a package or
 * version the registry does not have, an unreachable registry; otherwise the last line itself. Pure.
 */
public final class FailureCause {

    /** An upper-case name with an underscore, such as {@code BRAVE_API_KEY}. */
    private static final Pattern VARIABLE = Pattern.compile("\\b([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])\\b");
    private static final Pattern MISSING = Pattern.compile(
            "environment variable|env var|\\brequired\\b|\\bmissing\\b|not set|must be set|not defined|please set",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NETWORK = Pattern.compile("enotfound|eai_again|etimedout|econnrefused|econnreset");
    /** {@code /usr/bin/env: 'node': No such file or directory}: a script's interpreter is missing. */
    private static final Pattern NO_INTERPRETER = Pattern.compile("env: '?([\\w.+-]+)'?: No such file or directory");
    /** npm's closing pointer to its debug log, which says nothing about the cause. */
    private static final Pattern NPM_LOG_POINTER = Pattern.compile("^npm (?:error|ERR!) A complete log of this run",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_ERROR = Pattern.compile("^(?:\\w*Error|error|ERROR)\\s*:\\s*");

    private FailureCause() {
    }

    /**
     * The cause in one sentence without a final period, e.g. {@code BRAVE_API_KEY environment variable is
     * required — set BRAVE_API_KEY with PUT /api/deployments/d1/env}: {@code deploymentId} names the deployment of the
     * API (empty: one of the deployments file, whose {@code env} it points to). Lines are oldest first; a more
     * specific cause anywhere in them wins over the last line.
     */
    public static String of(List<String> stderr, Optional<String> deploymentId) {
        if (stderr.isEmpty()) {
            return "it wrote nothing to stderr; check that it is a stdio MCP server and runs with these arguments";
        }
        for (String line : stderr.reversed()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("could not determine executable to run")) {
                return "nothing to run in this package (it has no bin): check that the package is an MCP server "
                        + "meant to be run with npx";
            }
            Matcher interpreter = NO_INTERPRETER.matcher(line);
            if (interpreter.find()) {
                MissingProgram missing = new MissingProgram(interpreter.group(1));
                return missing.problem() + " (the server's program runs with it): " + missing.fix();
            }
            boolean npm = lower.startsWith("npm error") || lower.startsWith("npm err!");
            if (npm && (lower.contains(" 404") || lower.contains("e404"))) {
                return "the package or version was not found in the npm registry (npm error 404): check its name "
                        + "and version";
            }
            if (lower.contains("was not found in the package registry") || lower.contains("no solution found when resolving")) {
                return "the package or version was not found in the Python package index: check its name and version";
            }
            if (npm && NETWORK.matcher(lower).find() || lower.contains("failed to fetch: `https://pypi.org")) {
                return "the package registry could not be reached from this Catwalk host: check its network and "
                        + "proxy settings, then start the deployment again";
            }
        }
        for (String line : stderr.reversed()) {
            Matcher name = VARIABLE.matcher(line);
            if (name.find() && MISSING.matcher(line).find()) {
                String said = LEADING_ERROR.matcher(line.strip()).replaceFirst("");
                return Crash.cut(said) + " — set " + name.group(1) + deploymentId
                        .map(id -> " with PUT /api/deployments/" + id + "/env")
                        .orElse(" in the deployment's env in the deployments file");
            }
        }
        return "the last thing it printed was: " + lastSaid(stderr);
    }

    /** The last line that says something: npm's pointer to its debug log is passed over when others precede it. */
    static String lastSaid(List<String> stderr) {
        for (String line : stderr.reversed()) {
            if (!NPM_LOG_POINTER.matcher(line.strip()).find()) {
                return line;
            }
        }
        return stderr.getLast();
    }

    /**
     * The whole reason for a server given up on: what the supervisor said ({@code gaveUp}), the likely cause and
     * (unless the cause already is it) the raw last stderr line, e.g. {@code The MCP server kept crashing and was
     * stopped ('npx' ended 5 times within 60 s): … Its last stderr line: Error: …}.
     */
    public static String gaveUp(String gaveUp, List<String> stderr, Optional<String> deploymentId) {
        return explain("The MCP server kept crashing and was stopped (" + gaveUp + ")", stderr, deploymentId);
    }

    /** {@code what} happened (without a final period), then the likely cause and the raw last line as above. */
    public static String explain(String what, List<String> stderr, Optional<String> deploymentId) {
        String cause = of(stderr, deploymentId);
        String last = stderr.isEmpty() || cause.endsWith(lastSaid(stderr)) ? ""
                : " Its last stderr line: " + lastSaid(stderr);
        return what + ": " + cause + "." + last;
    }
}
