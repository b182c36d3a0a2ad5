import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bench probes that are not a load: how long an MCP server takes from a cold start to its first answered
 * {@code tools/call} behind a gateway or on its own ({@code coldstart}), and many sessions opened and left idle
 * ({@code sessions}). Dependency-free, one file for the JDK's source launcher (JDK 21's compiles a single file, hence
 * its length); run it without arguments for usage.
 */
public final class McpProbe {

    static final String USAGE = """
            usage: java bench/load/McpProbe.java coldstart [options] stdio <server command> [<argument>...]
                   java bench/load/McpProbe.java coldstart [options] http <url> <token> -- <gateway command>...
                   java bench/load/McpProbe.java coldstart [options] api <base url> <admin token file> <create JSON>
                                                           -- <gateway command>...
                   java bench/load/McpProbe.java sessions [--concurrency 16] open <url> <token> <count> <ids file>
                   java bench/load/McpProbe.java sessions [--concurrency 16] check|close <url> <token> <ids file>

            coldstart starts the command (time 0) and prints one tab-separated line: label, ms to the gateway's
            ready line, ms to the deployment created (api), ms to initialize answered, ms to the first tools/call
            echo answered ('-' where not applicable).
              stdio  the server itself: initialize, notifications/initialized, tools/call over its stdin/stdout.
              http   the gateway serves <url>: initialize is sent every 5 ms until it is answered with 200.
              api    a Catwalk: once <base url>/api/health answers, POST <base url>/api/deployments with <create
                     JSON> ({k} replaced by the create's number) and the admin token read from the file, then the
                     MCP steps on its mcpUrl with its token (every 5 ms until 200), then DELETE it; times from the
                     create, one line per create (--creates).
              options: --label NAME  --ready TEXT (a line of the gateway's output holding it marks "ready")
                       --log FILE (the gateway's stdout and stderr, default discarded)  --creates 1
            sessions open: opens <count> MCP sessions (initialize, notifications/initialized) from --concurrency
            threads and writes their ids to the file; prints "opened <n> <seconds>". sessions check sends ping on
            each and prints "alive <n> <of>"; sessions close sends DELETE on each and prints "closed <n> <of>".
            """;

    static final String PROTOCOL = "2025-06-18";
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"" + PROTOCOL + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcp-probe\","
            + "\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"message\":\"hi\"}}}";
    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}";

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("coldstart")) {
                ColdStart.run(List.of(args).subList(1, args.length));
            } else if (args.length > 0 && args[0].equals("sessions")) {
                Sessions.run(List.of(args).subList(1, args.length));
            } else {
                throw new IllegalArgumentException("expected coldstart or sessions");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("McpProbe: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        }
        System.exit(0);
    }

    static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The text of a string member anywhere in a JSON text (enough for the API's flat answers). */
    static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(1);
    }

    /** True when a JSON or SSE body holds a result for this id that is not a tool error. */
    static boolean answered(String body, int id) {
        String flat = body.replace(" ", "");
        return flat.contains("\"id\":" + id) && flat.contains("\"result\"") && !flat.contains("\"isError\":true");
    }

    /** Time to the first answered call, for a server over stdio or a gateway started from a command. */
    static final class ColdStart {
        static void run(List<String> args) throws Exception {
            Map<String, String> named = new HashMap<>(Map.of("--label", "coldstart", "--creates", "1"));
            int i = 0;
            for (; i + 1 < args.size() && args.get(i).startsWith("--"); i += 2) {
                named.put(args.get(i), args.get(i + 1));
            }
            List<String> rest = args.subList(i, args.size());
            String label = named.get("--label");
            warmUp();
            if (!rest.isEmpty() && rest.get(0).equals("stdio") && rest.size() > 1) {
                System.out.println(String.join("\t", stdio(label, rest.subList(1, rest.size()))));
                return;
            }
            int dashes = rest.indexOf("--");
            if (rest.isEmpty() || dashes < 0 || dashes == rest.size() - 1
                    || !(rest.get(0).equals("http") && dashes == 3 || rest.get(0).equals("api") && dashes == 4)) {
                throw new IllegalArgumentException("bad coldstart arguments: " + rest);
            }
            Gateway gateway = Gateway.start(rest.subList(dashes + 1, rest.size()), named.get("--ready"),
                    named.get("--log"));
            try {
                if (rest.get(0).equals("http")) {
                    long[] t = mcp(URI.create(rest.get(1)), rest.get(2), gateway);
                    System.out.println(String.join("\t", label, gateway.ready(), "-", "" + t[0], "" + t[1]));
                } else {
                    api(label, URI.create(rest.get(1)), Path.of(rest.get(2)), rest.get(3),
                            Integer.parseInt(named.get("--creates")), gateway);
                }
            } finally {
                gateway.stop();
            }
        }

        /** Loads the classes of the measured path (a process, its pipes, a socket client) before time 0. */
        private static void warmUp() throws Exception {
            Process cat = new ProcessBuilder("cat").start();
            PrintWriter in = new PrintWriter(cat.getOutputStream(), true, StandardCharsets.UTF_8);
            in.println(CALL);
            new BufferedReader(new InputStreamReader(cat.getInputStream(), StandardCharsets.UTF_8)).readLine();
            cat.destroy();
            try (ServerSocket server = new ServerSocket(0)) {
                Thread.ofPlatform().daemon().start(() -> {
                    for (int n = 0; n < 3; n++) {
                        try (Socket s = server.accept()) {
                            s.getInputStream().read(new byte[65536]);
                            String body = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}";
                            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nMcp-Session-Id: x\r\nContent-Length: "
                                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                        } catch (IOException ignored) {
                            return;
                        }
                    }
                });
                Client client = new Client(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/mcp"));
                for (int n = 0; n < 3; n++) {
                    answered(client.exchange("POST", CALL, "t", null).body(), 2);
                    client.close();
                }
            }
        }

        private static List<String> stdio(String label, List<String> command) throws Exception {
            long start = System.nanoTime();
            Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                PrintWriter in = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8));
                in.println(INITIALIZE);
                awaitLine(out, 1);
                long initialized = millisSince(start);
                in.println(INITIALIZED);
                in.println(CALL);
                awaitLine(out, 2);
                return List.of(label, "-", "-", "" + initialized, "" + millisSince(start));
            } finally {
                server.destroy();
                server.waitFor();
            }
        }

        private static void awaitLine(BufferedReader out, int id) throws IOException {
            for (String line = out.readLine(); ; line = out.readLine()) {
                if (line == null) {
                    throw new IOException("the server closed stdout before answering id " + id);
                }
                if (answered(line, id)) {
                    return;
                }
            }
        }

        /** initialize (repeated until 200), notifications/initialized, tools/call; ms from the gateway's start. */
        private static long[] mcp(URI url, String token, Gateway gateway) throws Exception {
            return mcp(url, token, gateway, gateway.start);
        }

        private static long[] mcp(URI url, String token, Gateway gateway, long origin) throws Exception {
            Client client = new Client(url);
            Answer initialize;
            while (true) {
                gateway.checkAlive();
                try {
                    initialize = client.exchange("POST", INITIALIZE, token, null);
                    if (initialize.status() == 200 && answered(initialize.body(), 1)) {
                        break;
                    }
                } catch (IOException notYet) {
                    client.close();
                }
                Thread.sleep(5);
            }
            long initialized = millisSince(origin);
            String session = initialize.headers().get("mcp-session-id");
            client.exchange("POST", INITIALIZED, token, session);
            Answer call = client.exchange("POST", CALL, token, session);
            if (call.status() != 200 || !answered(call.body(), 2)) {
                throw new IOException("the first tools/call failed: HTTP " + call.status() + " " + call.body());
            }
            long called = millisSince(origin);
            client.exchange("DELETE", null, token, session);
            client.close();
            return new long[] {initialized, called};
        }

        private static void api(String label, URI base, Path tokenFile, String create, int creates,
                                Gateway gateway) throws Exception {
            Client api = new Client(base.resolve("/api/health"));
            while (true) {
                gateway.checkAlive();
                try {
                    if (api.exchange("GET", null, null, null).status() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    api.close();
                }
                Thread.sleep(5);
            }
            api.close();
            while (!Files.exists(tokenFile) || Files.size(tokenFile) == 0) {
                gateway.checkAlive();
                Thread.sleep(5);
            }
            String adminToken = Files.readString(tokenFile).strip();
            for (int k = 1; k <= creates; k++) {
                Client deployments = new Client(base.resolve("/api/deployments"));
                long origin = System.nanoTime();
                Answer created = deployments.exchange("POST", create.replace("{k}", "" + k), adminToken, null);
                if (created.status() != 201) {
                    throw new IOException("create: HTTP " + created.status() + " " + created.body());
                }
                long createdMs = millisSince(origin);
                long[] t = mcp(URI.create(member(created.body(), "mcpUrl")), member(created.body(), "token"),
                        gateway, origin);
                System.out.println(String.join("\t", label + "#" + k, gateway.ready(), "" + createdMs, "" + t[0],
                        "" + t[1]));
                Client delete = new Client(base.resolve("/api/deployments/" + member(created.body(), "id")));
                delete.exchange("DELETE", null, adminToken, null);
                delete.close();
                deployments.close();
            }
        }
    }

    /** A gateway process whose output is watched for its ready line. */
    record Gateway(Process process, long start, AtomicInteger readyMs) {
        static Gateway start(List<String> command, String readyText, String log) throws IOException {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Gateway gateway = new Gateway(process, start, new AtomicInteger(-1));
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
                     PrintWriter file = log == null ? null : new PrintWriter(Files.newBufferedWriter(Path.of(log)))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (readyText != null && gateway.readyMs.get() < 0 && line.contains(readyText)) {
                            gateway.readyMs.set((int) millisSince(start));
                        }
                        if (file != null) {
                            file.println(line);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            return gateway;
        }

        String ready() {
            return readyMs.get() < 0 ? "-" : "" + readyMs.get();
        }

        void checkAlive() throws IOException {
            if (!process.isAlive()) {
                throw new IOException("the gateway exited with " + process.exitValue() + " before answering");
            }
        }

        /** SIGTERM, up to 15 s, then SIGKILL for it and whatever it started. */
        void stop() throws InterruptedException {
            List<ProcessHandle> below = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            below.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Opens many idle sessions, or pings them. */
    static final class Sessions {
        static void run(List<String> args) throws Exception {
            int concurrency = 16;
            if (args.size() > 1 && args.get(0).equals("--concurrency")) {
                concurrency = Integer.parseInt(args.get(1));
                args = args.subList(2, args.size());
            }
            boolean open = args.size() == 5 && args.get(0).equals("open");
            String action = args.isEmpty() ? "" : args.get(0);
            if (!open && !(args.size() == 4 && List.of("check", "close").contains(action))) {
                throw new IllegalArgumentException("bad sessions arguments: " + args);
            }
            URI url = URI.create(args.get(1));
            String token = args.get(2);
            Path file = Path.of(args.get(open ? 4 : 3));
            List<String> ids = open ? new ArrayList<>() : Files.readAllLines(file);
            int count = open ? Integer.parseInt(args.get(3)) : ids.size();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger good = new AtomicInteger();
            String[] opened = new String[count];
            long start = System.nanoTime();
            CountDownLatch done = new CountDownLatch(concurrency);
            for (int t = 0; t < concurrency; t++) {
                Thread.ofPlatform().start(() -> {
                    Client client = new Client(url);
                    try {
                        for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                            try {
                                if (open) {
                                    Answer a = client.exchange("POST", INITIALIZE, token, null);
                                    String session = a.headers().get("mcp-session-id");
                                    if (a.status() == 200 && session != null && client.exchange("POST",
                                            INITIALIZED, token, session).status() == 202) {
                                        opened[n] = session;
                                        good.incrementAndGet();
                                    }
                                } else if (action.equals("close")) {
                                    int status = client.exchange("DELETE", null, token, ids.get(n)).status();
                                    if (status == 200 || status == 204) {
                                        good.incrementAndGet();
                                    }
                                } else if (answered(client.exchange("POST", PING, token, ids.get(n)).body(), 3)) {
                                    good.incrementAndGet();
                                }
                            } catch (IOException e) {
                                client.close();
                            }
                        }
                    } finally {
                        client.close();
                        done.countDown();
                    }
                });
            }
            done.await();
            if (open) {
                Files.write(file, List.of(opened).stream().filter(s -> s != null).toList());
                System.out.printf(Locale.ROOT, "opened %d %.1f%n", good.get(), (System.nanoTime() - start) / 1e9);
            } else {
                System.out.printf("%s %d %d%n", action.equals("close") ? "closed" : "alive", good.get(), count);
            }
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** A minimal HTTP/1.1 client on one kept-alive socket, for one thread. */
    static final class Client {
        private final URI url;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(URI url) {
            this.url = url;
        }

        Answer exchange(String method, String body, String token, String session) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(url.getRawPath())
                    .append(" HTTP/1.1\r\nHost: ").append(url.getRawAuthority())
                    .append("\r\nAccept: application/json, text/event-stream\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (session != null) {
                head.append("Mcp-Session-Id: ").append(session).append("\r\nMcp-Protocol-Version: ")
                        .append(PROTOCOL).append("\r\n");
            }
            try {
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private Answer read() throws IOException {
            String status = line();
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            int code = Integer.parseInt(status.substring(9, 12));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if (code != 204 && code != 202) {
                body.write(in.readAllBytes());
                close();
            }
            if (headers.getOrDefault("connection", "").equalsIgnoreCase("close")) {
                close();
            }
            return new Answer(code, headers, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                line.append((char) c);
            }
            return line.toString().strip();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
