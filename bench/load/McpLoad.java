import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator for one MCP session: {@code tools/call} back to back from W workers, over MCP Streamable HTTP or
 * straight to a stdio server. Dependency-free, for the JDK's source launcher; run it without arguments for usage.
 * One file on purpose (the source launcher of JDK 21 compiles a single file), hence its length.
 */
public final class McpLoad {

    static final String USAGE = """
            usage: java bench/load/McpLoad.java [options] http <url> <bearer token>
                   java bench/load/McpLoad.java [options] stdio <server command> [<argument>...]

            Opens one MCP session (initialize, notifications/initialized), checks one tools/call, warms up, then for
            each concurrency level runs that many workers sending tools/call back to back over the session, and
            prints requests, errors, req/s and latency percentiles per level (microseconds, from a log-linear
            histogram exact to 1 us below 2 ms and to 0.1 % above).
              http   MCP Streamable HTTP/1.1 (see --client), one connection per worker; answers as JSON or SSE.
                     With --era 2026, the 2026-07-28 stateless path instead: no initialize and no session, every
                     request a POST with MCP-Protocol-Version, Mcp-Method and Mcp-Name and the protocol version and
                     client capabilities in params._meta; a call succeeds when its result's resultType is complete.
              stdio  starts the server and speaks newline-delimited JSON-RPC on its stdin/stdout, requests
                     multiplexed by id over the one pipe (the baseline without a gateway).

            options (before the mode):
              --levels 1,8,64            concurrency levels, run in this order
              --warmup 30                seconds of warm-up before the first level, split evenly across the levels
                                         (a JVM gateway needs about that long for its JIT to settle)
              --settle 2                 seconds run and discarded at each level before it is measured
              --duration 10              seconds measured per level
              --tool echo                the tool to call
              --arguments {"message":"hi"}   its arguments, a JSON object
              --client jdk               the HTTP client: jdk (java.net.http.HttpClient, HTTP/1.1) or socket (a
                                         minimal HTTP/1.1 client on one blocking socket per worker, which takes
                                         far less CPU from a small machine; plain http only)
              --era 2025                 the protocol revision over http: 2025 (2025-06-18, a session) or 2026
                                         (2026-07-28, stateless)
              --label NAME               the target's name in the output (default: the mode)
              --tsv FILE                 also append one tab-separated line per level to FILE: label, level,
                                         requests, errors, req/s, p50, p90, p99, max (us), gateway CPU per call
                                         (us, '-' without --gateway-pid)
              --gateway-pid PID[,PID]    read utime+stime of this process (/proc/PID/stat, not its children) when
                                         each measured window opens and closes; report its CPU per call (us). With
                                         several (a gateway and its runner), their sum, and in an eleventh --tsv
                                         column each one's, joined by '+'

            exit status: 0 done (failed calls are counted as errors), 1 the session could not be set up,
                         2 bad arguments
            """;

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String PROTOCOL = "2025-06-18";
    static final String PROTOCOL_2026 = "2026-07-28";

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("McpLoad: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        Transport transport = !options.http() ? new Stdio(options.target())
                : new Http(options.client().equals("socket") ? new SocketClient(URI.create(options.target().get(0)))
                        : new JdkClient(URI.create(options.target().get(0))), options.target().get(1),
                        options.era2026() ? options.tool() : null);
        int status;
        try (transport) {
            status = run(options, transport);
        }
        System.exit(status);
    }

    private static int run(Options options, Transport transport) throws IOException, InterruptedException {
        AtomicLong ids = new AtomicLong(1);
        boolean modern = options.era2026();
        String callTail = ",\"method\":\"tools/call\",\"params\":{\"name\":" + quote(options.tool())
                + ",\"arguments\":" + options.arguments() + (modern ? ",\"_meta\":{\"io.modelcontextprotocol/"
                + "protocolVersion\":\"" + PROTOCOL_2026 + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}" : "")
                + "}}";
        try {
            transport.open();
            String first = transport.request("{\"jsonrpc\":\"2.0\",\"id\":0" + callTail, 0L);
            if (!succeeded(first, modern)) {
                throw new IOException("the first tools/call failed: " + first);
            }
        } catch (IOException e) {
            System.err.println("McpLoad: " + options.label() + ": " + (e.getMessage() != null ? e.getMessage() : e));
            return 1;
        }
        GatewayCpu cpu = new GatewayCpu(options.gatewayPids());
        Caller caller = () -> {
            long id = ids.getAndIncrement();
            String reply = transport.request("{\"jsonrpc\":\"2.0\",\"id\":" + id + callTail, id);
            if (!succeeded(reply, modern)) {
                throw new IOException("not a success: " + reply);
            }
            return true;
        };
        System.err.printf("%s: warming up for %d s, split across the levels%n", options.label(), options.warmup());
        for (int workers : options.levels()) {
            if (options.warmup() > 0) {
                Level.run(caller, workers, 0, Math.max(1, options.warmup() / options.levels().size()), cpu);
            }
        }
        String format = "%-20s %5s %9s %7s %10s %8s %8s %8s %8s" + (cpu.measured() ? " %10s" : "")
                + (cpu.pids().size() > 1 ? " %s%n" : "%n");
        System.out.printf(format, "target", "conc", "requests", "errors", "req/s", "p50 us", "p90 us", "p99 us",
                "max us", "gw us/call", "each");
        for (int workers : options.levels()) {
            Level level = Level.run(caller, workers, options.settle(), options.duration(), cpu);
            if (level.firstError() != null) {
                System.err.printf("%s: %d errors at concurrency %d; the first: %s%n", options.label(), level.errors(),
                        workers, level.firstError().length() > 300 ? level.firstError().substring(0, 300) + "…"
                                : level.firstError());
            }
            List<String> row = List.of(options.label(), "" + workers, "" + level.requests(), "" + level.errors(),
                    String.format("%.1f", level.perSecond()), "" + level.latency().percentile(50),
                    "" + level.latency().percentile(90), "" + level.latency().percentile(99),
                    "" + level.latency().max(), level.gatewayCpuPerCall());
            if (cpu.pids().size() > 1) {
                row = new ArrayList<>(row);
                row.add(level.eachCpuPerCall());
            }
            System.out.printf(format, row.toArray());
            if (options.tsv() != null) {
                Files.writeString(options.tsv(), String.join("\t", row) + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
        return 0;
    }

    /** True when the reply is a JSON-RPC result that is not a tool error (and, in 2026, is complete). */
    static boolean succeeded(String reply, boolean modern) {
        Map<String, String> members = Json.members(reply);
        String result = members.get("result");
        return result != null && !members.containsKey("error") && !result.replace(" ", "").contains("\"isError\":true")
                && (!modern || "\"complete\"".equals(Json.members(result).get("resultType")));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** The command line. */
    record Options(List<Integer> levels, int warmup, int settle, int duration, String tool, String arguments,
                   String label, Path tsv, String client, boolean http, List<String> target, List<Integer> gatewayPids,
                   boolean era2026) {

        static Options parse(String[] args) {
            Map<String, String> named = new HashMap<>(Map.of("--levels", "1,8,64", "--warmup", "30",
                    "--settle", "2", "--duration", "10", "--tool", "echo", "--arguments", "{\"message\":\"hi\"}",
                    "--client", "jdk", "--era", "2025"));
            int i = 0;
            for (; i < args.length && args[i].startsWith("--"); i += 2) {
                if (!named.containsKey(args[i]) && !List.of("--label", "--tsv", "--gateway-pid").contains(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                named.put(args[i], args[i + 1]);
            }
            if (i >= args.length || !List.of("http", "stdio").contains(args[i])) {
                throw new IllegalArgumentException(i >= args.length ? "missing mode (http or stdio)"
                        : "unknown mode '" + args[i] + "', expected http or stdio");
            }
            boolean http = args[i].equals("http");
            List<String> target = List.of(args).subList(i + 1, args.length);
            if (http && target.size() != 2) {
                throw new IllegalArgumentException("http needs exactly <url> <bearer token>");
            }
            if (http && !target.get(0).matches("https?://.+")) {
                throw new IllegalArgumentException("'" + target.get(0) + "' is not an http(s) URL");
            }
            if (!http && target.isEmpty()) {
                throw new IllegalArgumentException("stdio needs the server's command");
            }
            List<Integer> levels = new ArrayList<>();
            for (String level : named.get("--levels").split(",")) {
                levels.add(number("--levels", level, 1, 4096));
            }
            String arguments = named.get("--arguments").strip();
            if (!arguments.startsWith("{") || !arguments.endsWith("}")) {
                throw new IllegalArgumentException("--arguments must be a JSON object");
            }
            String client = named.get("--client");
            if (!List.of("jdk", "socket").contains(client)) {
                throw new IllegalArgumentException("--client must be jdk or socket, not '" + client + "'");
            }
            if (http && client.equals("socket") && !target.get(0).startsWith("http://")) {
                throw new IllegalArgumentException("--client socket speaks plain http only");
            }
            String era = named.get("--era");
            if (!List.of("2025", "2026").contains(era)) {
                throw new IllegalArgumentException("--era must be 2025 or 2026, not '" + era + "'");
            }
            if (!http && era.equals("2026")) {
                throw new IllegalArgumentException("--era 2026 is for http only (a stdio server speaks 2025 here)");
            }
            List<Integer> pids = new ArrayList<>();
            if (named.containsKey("--gateway-pid")) {
                for (String pid : named.get("--gateway-pid").split(",")) {
                    pids.add(number("--gateway-pid", pid, 1, Integer.MAX_VALUE));
                }
            }
            return new Options(List.copyOf(levels), number("--warmup", named.get("--warmup"), 0, 3600),
                    number("--settle", named.get("--settle"), 0, 3600),
                    number("--duration", named.get("--duration"), 1, 3600), named.get("--tool"), arguments,
                    named.getOrDefault("--label", args[i]),
                    named.containsKey("--tsv") ? Path.of(named.get("--tsv")) : null, client, http, target,
                    List.copyOf(pids), era.equals("2026"));
        }

        static int number(String option, String text, int min, int max) {
            try {
                int value = Integer.parseInt(text.strip());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + ": '" + text + "' is not a whole number from " + min
                    + " to " + max);
        }
    }

    /** One call; true when it succeeded. */
    interface Caller {
        boolean call() throws IOException, InterruptedException;
    }

    /**
     * The gateway processes' own CPU time (utime + stime of /proc/PID/stat, without their children) in clock ticks,
     * one value per process; no pids for none (direct stdio).
     */
    record GatewayCpu(List<Integer> pids, long ticksPerSecond) {
        GatewayCpu(List<Integer> pids) throws IOException, InterruptedException {
            this(pids, pids.isEmpty() ? 0 : clockTicks());
        }

        boolean measured() {
            return !pids.isEmpty();
        }

        long[] ticks() {
            long[] each = new long[pids.size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = ticks(pids.get(i));
            }
            return each;
        }

        private static long clockTicks() throws IOException, InterruptedException {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            getconf.waitFor();
            return Long.parseLong(out);
        }

        private static long ticks(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e.getMessage(), e);
            }
        }
    }

    /**
     * One concurrency level: workers calling back to back; only calls that start and end in the window count. The
     * gateway's CPU is read by a separate thread right when the window opens and when it closes.
     */
    record Level(long requests, long errors, double perSecond, Histogram latency, String gatewayCpuPerCall,
                 String eachCpuPerCall, String firstError) {

        static Level run(Caller caller, int workers, int settleSeconds, int measureSeconds, GatewayCpu cpu)
                throws InterruptedException {
            long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
            long to = from + TimeUnit.SECONDS.toNanos(measureSeconds);
            long[][] ticks = new long[2][];
            AtomicReference<String> firstError = new AtomicReference<>();
            Thread clock = Thread.ofPlatform().name("gateway-cpu").start(() -> {
                for (long wait = from - System.nanoTime(); wait > 0; wait = from - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                ticks[0] = cpu.ticks();
                for (long wait = to - System.nanoTime(); wait > 0; wait = to - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                ticks[1] = cpu.ticks();
            });
            Histogram[] latencies = new Histogram[workers];
            long[] errors = new long[workers];
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                latencies[w] = new Histogram();
                threads.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
                    for (long start = System.nanoTime(); start < to; start = System.nanoTime()) {
                        boolean ok;
                        String problem = null;
                        try {
                            ok = caller.call();
                        } catch (IOException | RuntimeException e) {
                            ok = false;
                            problem = String.valueOf(e.getMessage());
                        } catch (InterruptedException e) {
                            return;
                        }
                        long end = System.nanoTime();
                        if (start >= from && end <= to) {
                            if (ok) {
                                latencies[worker].record((end - start) / 1000);
                            } else {
                                errors[worker]++;
                                firstError.compareAndSet(null, problem);
                            }
                        }
                        if (!ok) {
                            LockSupport.parkNanos(1_000_000); // a dead target must not become a busy loop
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            clock.join();
            Histogram all = new Histogram();
            long errorCount = 0;
            for (int w = 0; w < workers; w++) {
                all.add(latencies[w]);
                errorCount += errors[w];
            }
            long requests = all.count() + errorCount;
            String perCall = "-";
            List<String> each = new ArrayList<>();
            if (cpu.measured() && requests == 0) {
                perCall = "n/a";
            } else if (cpu.measured()) {
                long sum = 0;
                for (int i = 0; i < cpu.pids().size(); i++) {
                    sum += ticks[1][i] - ticks[0][i];
                    each.add(String.format(Locale.ROOT, "%.1f",
                            (ticks[1][i] - ticks[0][i]) * 1e6 / cpu.ticksPerSecond() / requests));
                }
                perCall = String.format(Locale.ROOT, "%.1f", sum * 1e6 / cpu.ticksPerSecond() / requests);
            }
            return new Level(requests, errorCount, all.count() / (double) measureSeconds, all, perCall,
                    String.join("+", each), firstError.get());
        }
    }

    /** Log-linear buckets of microseconds, like HdrHistogram with 3 significant digits: bounded memory. */
    static final class Histogram {
        static final int SUB = 1024;
        static final int SHIFTS = 30;
        final long[] counts = new long[2 * SUB + SHIFTS * SUB];
        long count;
        long max;

        void record(long micros) {
            long value = Math.max(0, Math.min(micros, (1L << (SHIFTS + 10)) - 1));
            counts[index(value)]++;
            count++;
            max = Math.max(max, value);
        }

        static int index(long value) {
            if (value < 2 * SUB) {
                return (int) value;
            }
            int shift = 63 - Long.numberOfLeadingZeros(value) - 10;
            return 2 * SUB + (shift - 1) * SUB + (int) ((value >> shift) - SUB);
        }

        /** The middle of a bucket (the value itself below 2048 us). */
        static long valueOf(int index) {
            if (index < 2 * SUB) {
                return index;
            }
            int shift = (index - 2 * SUB) / SUB + 1;
            long low = ((long) (index - 2 * SUB) % SUB + SUB) << shift;
            return low + (1L << (shift - 1));
        }

        void add(Histogram other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            count += other.count;
            max = Math.max(max, other.max);
        }

        long count() {
            return count;
        }

        long max() {
            return max;
        }

        long percentile(double percent) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(count * percent / 100));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(valueOf(i), max);
                }
            }
            return max;
        }
    }

    /** One MCP session over some transport; {@link #request} is called by many threads at once. */
    interface Transport extends AutoCloseable {
        void open() throws IOException, InterruptedException;

        /** Sends a request and returns the reply with its id. */
        String request(String json, long id) throws IOException, InterruptedException;

        @Override
        void close() throws IOException, InterruptedException;
    }

    static String initialize(long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + PROTOCOL + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcp-load\",\"version\":\"1\"}}}";
    }

    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    /**
     * MCP Streamable HTTP over some HTTP/1.1 client: the session id and protocol version on every request, or (with
     * a tool, the 2026-07-28 era) no session and the protocol version, method and tool name on every request.
     */
    static final class Http implements Transport {
        private final HttpExchange client;
        private final String token;
        private final String modernTool;
        private volatile String sessionId;
        private volatile String protocol;

        /** {@code modernTool}: null for the 2025 era, else the tool every 2026 request calls (its Mcp-Name). */
        Http(HttpExchange client, String token, String modernTool) {
            this.client = client;
            this.token = token;
            this.modernTool = modernTool;
        }

        @Override
        public void open() throws IOException, InterruptedException {
            if (modernTool != null) {
                return; // 2026-07-28: no initialize, no session
            }
            Answer answer = client.exchange("POST", headers(), initialize(-1));
            sessionId = answer.header("mcp-session-id");
            String reply = reply(answer, -1);
            String result = Json.members(reply).get("result");
            if (result == null) {
                throw new IOException("initialize failed: " + reply);
            }
            protocol = Json.unquote(Json.members(result).getOrDefault("protocolVersion", "\"" + PROTOCOL + "\""));
            Answer initialized = client.exchange("POST", headers(), INITIALIZED);
            if (initialized.status() != 202) {
                throw new IOException("notifications/initialized: HTTP " + initialized.status());
            }
        }

        @Override
        public String request(String json, long id) throws IOException, InterruptedException {
            return reply(client.exchange("POST", headers(), json), id);
        }

        private List<String> headers() {
            List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token,
                    "Accept", "application/json, text/event-stream", "Content-Type", "application/json"));
            if (modernTool != null) {
                headers.addAll(List.of("MCP-Protocol-Version", PROTOCOL_2026, "Mcp-Method", "tools/call",
                        "Mcp-Name", modernTool));
            } else if (sessionId != null && protocol != null) {
                headers.addAll(List.of("Mcp-Session-Id", sessionId, "MCP-Protocol-Version", protocol));
            }
            return headers;
        }

        /** The message with this id in a JSON or SSE body. */
        private static String reply(Answer answer, long id) throws IOException {
            if (answer.status() != 200) {
                throw new IOException("HTTP " + answer.status() + ": " + answer.body());
            }
            List<String> messages = new ArrayList<>();
            if (answer.header("content-type").startsWith("text/event-stream")) {
                StringBuilder data = new StringBuilder();
                for (String line : (answer.body() + "\n\n").split("\r?\n", -1)) {
                    if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n")
                                .append(line.substring(line.startsWith("data: ") ? 6 : 5));
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        messages.add(data.toString());
                        data.setLength(0);
                    }
                }
            } else {
                messages.add(answer.body());
            }
            for (String message : messages) {
                if (Long.toString(id).equals(Json.members(message).get("id"))) {
                    return message;
                }
            }
            throw new IOException("no reply with id " + id + " in: " + answer.body());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                if (sessionId != null) {
                    client.exchange("DELETE", headers(), null);
                }
            } catch (IOException ignored) {
                // best effort: the target is about to be stopped anyway
            } finally {
                client.close();
            }
        }
    }

    /** An HTTP answer; header names in lower case, the first value of each. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** One HTTP/1.1 request and its whole answer; called by many threads at once. */
    interface HttpExchange extends AutoCloseable {
        /** {@code headers} alternate names and values; {@code body} is null for none. */
        Answer exchange(String method, List<String> headers, String body) throws IOException, InterruptedException;

        @Override
        void close();
    }

    /** The JDK HttpClient pinned to HTTP/1.1: its pool keeps one connection per concurrent request. */
    static final class JdkClient implements HttpExchange {
        private final URI url;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        JdkClient(URI url) {
            this.url = url;
        }

        @Override
        public Answer exchange(String method, List<String> headers, String body)
                throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).headers(headers.toArray(String[]::new))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> names = new HashMap<>();
            response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new Answer(response.statusCode(), names, response.body());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * A minimal HTTP/1.1 client on plain sockets, one kept-alive connection per calling thread: far less CPU per
     * request than the JDK HttpClient, so that on a small machine the generator takes less from the target. Knows
     * Content-Length and chunked bodies and nothing else (no TLS, no redirects, no 100-continue).
     */
    static final class SocketClient implements HttpExchange {
        private final URI url;
        private final ThreadLocal<Connection> connections = new ThreadLocal<>();
        private final Set<Connection> all = ConcurrentHashMap.newKeySet();

        SocketClient(URI url) {
            if (!"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("--client socket speaks plain http only");
            }
            this.url = url;
        }

        @Override
        public Answer exchange(String method, List<String> headers, String body) throws IOException {
            Connection connection = connections.get();
            if (connection == null || connection.socket.isClosed()) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()), 10_000);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                connection = new Connection(socket);
                connections.set(connection);
                all.add(connection);
            }
            StringBuilder head = new StringBuilder(method).append(' ').append(url.getRawPath())
                    .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                    .append(url.getRawAuthority()).append("\r\n");
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            try {
                return connection.exchange(head.toString().getBytes(StandardCharsets.UTF_8), content);
            } catch (IOException e) {
                connection.socket.close();
                throw e;
            }
        }

        @Override
        public void close() {
            for (Connection connection : all) {
                try {
                    connection.socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        /** One connection, used by one thread at a time. */
        record Connection(Socket socket, InputStream in, OutputStream out) {
            Connection(Socket socket) throws IOException {
                this(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
            }

            Answer exchange(byte[] head, byte[] content) throws IOException {
                byte[] request = Arrays.copyOf(head, head.length + content.length);
                System.arraycopy(content, 0, request, head.length, content.length);
                out.write(request);
                out.flush();
                String status = line();
                if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP answer: " + status);
                }
                Map<String, String> headers = new HashMap<>();
                for (String line = line(); !line.isEmpty(); line = line()) {
                    int colon = line.indexOf(':');
                    headers.putIfAbsent(line.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip());
                }
                int code = Integer.parseInt(status.substring(9, 12));
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
                    for (int size = chunkSize(); size > 0; size = chunkSize()) {
                        body.write(in.readNBytes(size));
                        line();
                    }
                    while (!line().isEmpty()) {
                        // trailers
                    }
                } else if (headers.containsKey("content-length")) {
                    body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
                } else if (code != 204 && code != 304) {
                    body.write(in.readAllBytes());
                    socket.close();
                }
                if (headers.getOrDefault("connection", "").equalsIgnoreCase("close")) {
                    socket.close();
                }
                return new Answer(code, headers, body.toString(StandardCharsets.UTF_8));
            }

            private int chunkSize() throws IOException {
                String size = line();
                int extension = size.indexOf(';');
                return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            }

            private String line() throws IOException {
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != '\n'; c = in.read()) {
                    if (c < 0) {
                        throw new IOException("connection closed by the server");
                    }
                    line.append((char) c);
                }
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
        }
    }

    /** Newline-delimited JSON-RPC over a child's stdin/stdout; one reader thread hands replies to their callers. */
    static final class Stdio implements Transport {
        private final List<String> command;
        private final Map<Long, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
        private Process process;
        private OutputStream in;

        Stdio(List<String> command) {
            this.command = command;
        }

        @Override
        public void open() throws IOException, InterruptedException {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = process.getOutputStream();
            Thread.ofPlatform().daemon().name("stdio-reader").start(this::read);
            String reply = request(initialize(-1), -1);
            if (!Json.members(reply).containsKey("result")) {
                throw new IOException("initialize failed: " + reply);
            }
            send(INITIALIZED);
        }

        @Override
        public String request(String json, long id) throws IOException, InterruptedException {
            CompletableFuture<String> reply = new CompletableFuture<>();
            waiting.put(id, reply);
            try {
                send(json);
            } catch (IOException e) {
                waiting.remove(id);
                throw new IOException("cannot write to the server (did it exit?): " + e.getMessage(), e);
            }
            try {
                return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                waiting.remove(id);
                throw new IOException("no reply to id " + id + " within " + TIMEOUT);
            }
        }

        private void send(String json) throws IOException {
            byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                in.write(line);
                in.flush();
            }
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Map<String, String> members = Json.members(line);
                    String id = members.get("id");
                    if (id == null) {
                        continue;
                    }
                    if (members.containsKey("method")) {
                        send("{\"jsonrpc\":\"2.0\",\"id\":" + id
                                + ",\"error\":{\"code\":-32601,\"message\":\"not supported by the load generator\"}}");
                        continue;
                    }
                    CompletableFuture<String> reply = waiting.remove(Long.parseLong(id));
                    if (reply != null) {
                        reply.complete(line);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the server is gone or spoke nonsense: fail whoever waits
            }
            IOException gone = new IOException("the server closed its stdout");
            waiting.values().forEach(reply -> reply.completeExceptionally(gone));
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (process == null) {
                return;
            }
            List<ProcessHandle> descendants = process.descendants().toList();
            try {
                in.close();
            } catch (IOException alreadyGone) {
                // the server exited first
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Just enough JSON to route and check replies: the raw text of an object's top-level members. */
    static final class Json {

        static Map<String, String> members(String json) {
            Map<String, String> members = new HashMap<>();
            int i = skipSpace(json, 0);
            if (i >= json.length() || json.charAt(i) != '{') {
                return members;
            }
            i++;
            while (true) {
                i = skipSpace(json, i);
                if (i >= json.length() || json.charAt(i) != '"') {
                    return members;
                }
                int keyEnd = endOfString(json, i);
                String key = json.substring(i + 1, keyEnd - 1);
                i = skipSpace(json, keyEnd);
                if (i >= json.length() || json.charAt(i) != ':') {
                    return members;
                }
                i = skipSpace(json, i + 1);
                int valueEnd = endOfValue(json, i);
                members.put(key, json.substring(i, valueEnd).strip());
                i = skipSpace(json, valueEnd);
                if (i >= json.length() || json.charAt(i) != ',') {
                    return members;
                }
                i++;
            }
        }

        static String unquote(String value) {
            return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }

        private static int skipSpace(String json, int i) {
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            return i;
        }

        /** The index after the string that starts at {@code i}. */
        private static int endOfString(String json, int i) {
            for (int j = i + 1; j < json.length(); j++) {
                char c = json.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (c == '"') {
                    return j + 1;
                }
            }
            return json.length();
        }

        /** The index of the ',' or '}' that ends the value starting at {@code i}. */
        private static int endOfValue(String json, int i) {
            int depth = 0;
            for (int j = i; j < json.length(); j++) {
                char c = json.charAt(j);
                if (c == '"') {
                    j = endOfString(json, j) - 1;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (depth == 0) {
                        return j;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return j;
                }
            }
            return json.length();
        }
    }
}
