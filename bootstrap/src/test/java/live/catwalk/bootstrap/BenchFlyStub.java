package live.catwalk.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * For {@code bench/run.sh}'s gateway → runner target: serves a {@link FlyApiStub} (app {@value FlyApiStub#APP}),
 * prints {@code fly_api=<its URL>} on stdout, waits up to two minutes for the gateway to start a machine, then writes
 * the environment that machine's {@code catwalk runner} starts with (the gateway's env for it, listening on
 * 127.0.0.1:{@code <runner port>}) to {@code <env file>} as shell assignments, and serves until it is killed.
 *
 * <pre>java -cp &lt;bootstrap's test class path&gt; live.catwalk.bootstrap.BenchFlyStub \
 *     &lt;env file&gt; &lt;runner port&gt;</pre>
 */
public final class BenchFlyStub {

    private BenchFlyStub() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[1].matches("[0-9]{1,5}")) {
            System.err.println("usage: BenchFlyStub <env file> <runner port>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        try (FlyApiStub fly = new FlyApiStub()) {
            System.out.println("fly_api=" + fly.api());
            System.out.flush();
            String machine = awaitStartedMachine(fly, Duration.ofMinutes(2));
            Map<String, String> env = new TreeMap<>(fly.runnerEnv(machine, port));
            StringBuilder lines = new StringBuilder();
            env.forEach((name, value) -> lines.append(name).append("='").append(value.replace("'", "'\\''"))
                    .append("'\n"));
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, lines);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(Long.MAX_VALUE); // serves the gateway's calls (health, waits, listings) until killed
        }
    }

    private static String awaitStartedMachine(FlyApiStub fly, Duration within) throws InterruptedException,
            IOException {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            for (String id : fly.machineIds()) {
                if ("started".equals(fly.state(id))) {
                    return id;
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("no machine was started within " + within + "; calls: " + fly.calls);
    }
}
