package live.catwalk.bootstrap.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import live.catwalk.bootstrap.fixture.ConformanceFixture;
import live.catwalk.bootstrap.testing.TestTools;

/**
 * Runs the MCP conformance suite against supergateway 4.0.0 {@code --stateful} in front of the conformance
 * fixture: a check of the fixture that does not involve Catwalk's gateway. Not a test; {@code bench/peer-conformance.sh}
 * starts it with the test class path.
 *
 * <p>Arguments: {@code [stable|alpha|both] [output folder]} (default {@code both target/peer-conformance}). Prints
 * the suite's output, then one line per scenario with its checks (warnings included). Exits 0 when every run ended as
 * listed in {@code bench/peer-expected-failures.yml} (dns-rebinding-protection fails, server-sse-polling warns),
 * else 1.
 */
public final class PeerConformance {

    private static final Duration LISTEN = Duration.ofSeconds(30);

    private PeerConformance() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        Path out = Path.of(args.length > 1 ? args[1] : "target/peer-conformance").toAbsolutePath();
        Path root = Path.of(System.getProperty("catwalk.root", "")).toAbsolutePath();
        Path expected = root.resolve("bench/peer-expected-failures.yml");
        TestTools tools = TestTools.require();
        Files.createDirectories(out);

        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/mcp";
        Process gateway = new ProcessBuilder(tools.nodeCommand(tools.supergateway(),
                "--stdio", ConformanceFixture.shellCommand(), "--outputTransport", "streamableHttp", "--stateful",
                "--port", Integer.toString(port), "--logLevel", "info"))
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("supergateway.log").toFile())
                .start();
        int status = 0;
        try {
            awaitListening(port, gateway);
            System.out.println("supergateway --stateful in front of the fixture at " + url
                    + " (log: " + out.resolve("supergateway.log") + ")");
            if (!which.equals("alpha")) {
                status |= suite(tools, tools.conformance(), "0.1.16", url, expected, out.resolve("0.1.16"), List.of());
            }
            if (!which.equals("stable")) {
                status |= suite(tools, tools.conformanceAlpha(), "0.2.0-alpha.12", url, expected,
                        out.resolve("0.2.0-alpha.12"), List.of("--spec-version", "2025-11-25"));
            }
        } finally {
            stop(gateway);
        }
        System.exit(status == 0 ? 0 : 1);
    }

    private static int suite(TestTools tools, Path cli, String version, String url, Path expected, Path out,
            List<String> extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("server", "--url", url, "--suite", "all", "-o", out.toString(),
                "--expected-failures", expected.toString()));
        args.addAll(extra);
        System.out.println("\n== conformance " + version + ": " + String.join(" ", args));
        deleteRecursively(out);
        long started = System.nanoTime();
        Process suite = new ProcessBuilder(tools.nodeCommand(cli, args.toArray(String[]::new))).inheritIO().start();
        int exit = suite.waitFor();
        System.out.printf("%n== conformance %s: exit %d after %.1f s (results in %s)%n%s", version, exit,
                (System.nanoTime() - started) / 1e9, out, ScenarioTable.of(out));
        return exit;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process gateway) throws InterruptedException {
        long deadline = System.nanoTime() + LISTEN.toNanos();
        while (System.nanoTime() < deadline && gateway.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("supergateway did not listen on port " + port + " within " + LISTEN);
    }

    /** SIGTERM lets supergateway stop its children (one fixture JVM per session) before it exits. */
    private static void stop(Process gateway) throws InterruptedException {
        List<ProcessHandle> descendants = gateway.descendants().toList();
        gateway.destroy();
        if (!gateway.waitFor(15, TimeUnit.SECONDS)) {
            gateway.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
