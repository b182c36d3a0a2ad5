package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The Fly images, read as text (no Docker engine is needed): the runner image ({@code machine-image/Dockerfile}),
 * the gateway image ({@code deploy/fly/Dockerfile}) and the gateway's {@code deploy/fly/fly.toml}. Both images copy
 * the jar the build writes (its path read from {@code bootstrap/pom.xml}) and run it with the right command, as a
 * user other than root, on the port Fly sends traffic and health checks to; no secret is written in any of them.
 */
class FlyImagesTest {

    private static final Path ROOT = Path.of(System.getProperty("catwalk.root", ".."));
    private static final Path RUNNER_DOCKERFILE = ROOT.resolve("machine-image/Dockerfile");
    private static final Path GATEWAY_DOCKERFILE = ROOT.resolve("deploy/fly/Dockerfile");
    private static final Path FLY_TOML = ROOT.resolve("deploy/fly/fly.toml");

    /** Variables whose values are secrets: set with {@code fly secrets set} or by the gateway, never in a file. */
    private static final List<String> SECRETS = List.of("FLY_API_TOKEN", "CATWALK_KEYSET", "DATABASE_URL",
            "CATWALK_RUNNER_KEY", "CATWALK_RUNNER_SECRET", "CATWALK_RUNNER_SPEC", "GITHUB_TOKEN",
            "OPENROUTER_API_KEY", "CATWALK_GITHUB_CLIENT_SECRET");

    // ---- the checks ----

    @Test
    void bothImagesCopyTheJarTheBuildWritesAndRunIt() throws IOException {
        String jar = builtJar();

        for (Path file : List.of(RUNNER_DOCKERFILE, GATEWAY_DOCKERFILE)) {
            Dockerfile image = Dockerfile.read(file);
            String inImage = image.copiedTo(jar);
            List<String> entrypoint = image.entrypoint();
            assertEquals("java", entrypoint.getFirst(), file + ": ENTRYPOINT runs java");
            int dashJar = entrypoint.indexOf("-jar");
            assertTrue(dashJar > 0 && dashJar + 1 < entrypoint.size(), file + ": ENTRYPOINT has -jar <file>: " + entrypoint);
            assertEquals(inImage, entrypoint.get(dashJar + 1), file + ": ENTRYPOINT runs the jar COPY put in the image");
        }
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertTrue(ignored.contains("!" + jar), ".dockerignore lets " + jar + " into the build context: " + ignored);
    }

    @Test
    void theRunnerImageRunsTheRunnerAndTheGatewayImageServes() throws IOException {
        assertEquals("runner", Dockerfile.read(RUNNER_DOCKERFILE).entrypoint().getLast());
        assertEquals("serve", Dockerfile.read(GATEWAY_DOCKERFILE).entrypoint().getLast());
    }

    @Test
    void bothImagesRunAsAUserOtherThanRoot() throws IOException {
        for (Path file : List.of(RUNNER_DOCKERFILE, GATEWAY_DOCKERFILE)) {
            String user = Dockerfile.read(file).last("USER");
            assertNotNull(user, file + " sets USER in its final stage");
            String name = user.split(":", 2)[0].strip();
            assertFalse(name.isEmpty() || name.equals("root") || name.equals("0"), file + ": USER " + user + " is root");
        }
    }

    @Test
    void theRunnerListensOnTheExposedPortOnEveryInterface() throws IOException {
        Dockerfile runner = Dockerfile.read(RUNNER_DOCKERFILE);
        String bind = runner.env().get("CATWALK_RUNNER_BIND");
        assertNotNull(bind, "the runner image sets CATWALK_RUNNER_BIND");
        int colon = bind.lastIndexOf(':');
        assertEquals("0.0.0.0", bind.substring(0, Math.max(colon, 0)), "CATWALK_RUNNER_BIND binds every interface");
        assertEquals(Set.of(bind.substring(colon + 1)), runner.exposed(), "CATWALK_RUNNER_BIND's port is the one EXPOSEd");
        assertEquals(Set.of("8080"), runner.exposed());
    }

    @Test
    void theGatewayListensOnThePortFlySendsTrafficTo() throws IOException {
        Dockerfile gateway = Dockerfile.read(GATEWAY_DOCKERFILE);
        Map<String, String> fly = Toml.read(FLY_TOML);
        String internalPort = fly.get("http_service.internal_port");

        assertEquals("8080", internalPort, "fly.toml: http_service.internal_port");
        assertEquals(Set.of(internalPort), gateway.exposed(), "the gateway EXPOSEs fly.toml's internal_port");
        assertEquals(Set.of(Toml.read(FLY_TOML).get("http_service.internal_port")), Dockerfile.read(RUNNER_DOCKERFILE)
                .exposed(), "the runner's port is the gateway's too (one port on every Catwalk machine)");
        for (Map<String, String> env : List.of(gateway.env(), Toml.table(fly, "env"))) {
            assertEquals("0.0.0.0", env.get("CATWALK_BIND"), "CATWALK_BIND in " + env.keySet());
            assertEquals(internalPort, env.getOrDefault("CATWALK_PORT", "8080"), "CATWALK_PORT (default 8080)");
        }
        assertEquals("true", fly.get("http_service.force_https"), "fly.toml: force_https");
        assertTrue(Set.of("\"off\"", "false").contains(fly.get("http_service.auto_stop_machines")),
                "fly.toml: the gateway holds SSE streams and is never auto-stopped: " + fly.get("http_service.auto_stop_machines"));
        assertTrue(fly.containsKey("env.CATWALK_PUBLIC_URL"), "fly.toml: [env] has CATWALK_PUBLIC_URL");
    }

    @Test
    void flyChecksTheHealthEndpointWithAHostCatwalkAnswers() throws IOException {
        Map<String, String> fly = Toml.read(FLY_TOML);
        assertEquals("\"/api/health\"", fly.get("http_service.checks.path"), "fly.toml: the health check's path");
        // The check reaches the machine's private IP, a Host Catwalk refuses (421) unless told otherwise.
        String host = fly.get("http_service.checks.headers.Host");
        assertNotNull(host, "fly.toml: the health check sets [http_service.checks.headers] Host");
        assertTrue(Set.of("\"localhost\"", "\"127.0.0.1\"").contains(host), "the check sends a loopback Host: " + host);
    }

    @Test
    void noSecretIsWrittenInTheImagesOrFlyToml() throws IOException {
        for (Path file : List.of(RUNNER_DOCKERFILE, GATEWAY_DOCKERFILE, FLY_TOML)) {
            String text = Files.readString(file);
            for (String secret : SECRETS) {
                Matcher assigned = Pattern.compile("\\b" + secret + "\\s*=\\s*\\S").matcher(text);
                assertFalse(assigned.find(), file + " assigns " + secret + " (set it with `fly secrets set`)");
            }
        }
        for (Path file : List.of(RUNNER_DOCKERFILE, GATEWAY_DOCKERFILE)) {
            Dockerfile image = Dockerfile.read(file);
            for (String secret : SECRETS) {
                assertFalse(image.env().containsKey(secret) || image.args().contains(secret),
                        file + " sets " + secret + " with ENV or ARG");
            }
        }
        for (String key : Toml.read(FLY_TOML).keySet()) {
            assertFalse(SECRETS.contains(key.substring(key.lastIndexOf('.') + 1)), FLY_TOML + " sets " + key);
        }
    }

    // ---- reading the files ----

    /** The jar {@code mvn package} writes, relative to the repository root: bootstrap/pom.xml's shade output. */
    private static String builtJar() throws IOException {
        Element pom;
        try {
            pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ROOT.resolve("bootstrap/pom.xml").toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("bootstrap/pom.xml cannot be read", e);
        }
        String outputFile = text(pom, "outputFile");
        Matcher property = Pattern.compile("\\$\\{([^}]+)}").matcher(outputFile);
        String jar = property.matches() ? property(pom, property.group(1)) : outputFile;
        String buildDirectory = "target";
        for (var child = pom.getElementsByTagName("build").item(0).getFirstChild(); child != null;
                child = child.getNextSibling()) {
            if ("directory".equals(child.getNodeName())) {
                buildDirectory = child.getTextContent().strip();
            }
        }
        String resolved = jar.replace("${project.build.directory}", "bootstrap/" + buildDirectory)
                .replace("${project.basedir}", "bootstrap").replace("${basedir}", "bootstrap");
        assertFalse(resolved.contains("${"), "bootstrap/pom.xml's jar path has an unknown property: " + jar);
        return resolved;
    }

    private static String text(Element pom, String tag) {
        var nodes = pom.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "bootstrap/pom.xml has one <" + tag + ">");
        return nodes.item(0).getTextContent().strip();
    }

    /** A property of the pom's {@code <properties>}. */
    private static String property(Element pom, String name) {
        for (var child = pom.getFirstChild(); child != null; child = child.getNextSibling()) {
            if ("properties".equals(child.getNodeName())) {
                var value = ((Element) child).getElementsByTagName(name);
                assertEquals(1, value.getLength(), "bootstrap/pom.xml has the property " + name);
                return value.item(0).getTextContent().strip();
            }
        }
        throw new AssertionError("bootstrap/pom.xml has no <properties>");
    }

    /** The final stage of a Dockerfile: its instructions after the last FROM, continuation lines joined. */
    private record Dockerfile(Path file, List<String[]> instructions) {

        static Dockerfile read(Path file) throws IOException {
            List<String[]> all = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String raw : Files.readAllLines(file)) {
                if (raw.strip().startsWith("#")) {
                    continue;
                }
                if (raw.endsWith("\\")) {
                    line.append(raw, 0, raw.length() - 1).append(' ');
                    continue;
                }
                line.append(raw);
                String instruction = line.toString().strip();
                line.setLength(0);
                if (!instruction.isEmpty()) {
                    String[] parts = instruction.split("\\s+", 2);
                    all.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""});
                }
            }
            int lastFrom = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i)[0].equals("FROM")) {
                    lastFrom = i;
                }
            }
            assertTrue(lastFrom >= 0, file + " has a FROM");
            return new Dockerfile(file, all.subList(lastFrom + 1, all.size()));
        }

        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
        }

        String last(String keyword) {
            List<String> found = all(keyword);
            return found.isEmpty() ? null : found.getLast();
        }

        /** Where the one COPY from the build context puts {@code source}; fails unless there is exactly that COPY. */
        String copiedTo(String source) {
            List<String[]> fromContext = all("COPY").stream().filter(c -> !c.startsWith("--from"))
                    .map(c -> c.split("\\s+")).toList();
            assertEquals(1, fromContext.size(), file + " copies one thing from the build context (the jar)");
            String[] copy = fromContext.getFirst();
            assertEquals(2, copy.length, file + ": COPY <jar> <path in the image>");
            assertEquals(source, copy[0], file + " copies the jar the build writes");
            return copy[1];
        }

        /** The ENTRYPOINT in exec (JSON) form, so that java is PID 1 and gets Fly's SIGTERM. */
        List<String> entrypoint() {
            String entrypoint = last("ENTRYPOINT");
            assertNotNull(entrypoint, file + " has an ENTRYPOINT");
            assertTrue(entrypoint.startsWith("[") && entrypoint.endsWith("]"), file + ": ENTRYPOINT in exec form");
            List<String> words = new ArrayList<>();
            Matcher word = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(entrypoint);
            while (word.find()) {
                words.add(word.group(1));
            }
            assertFalse(words.isEmpty(), file + ": ENTRYPOINT is empty");
            return words;
        }

        Set<String> exposed() {
            return Set.copyOf(all("EXPOSE").stream().flatMap(e -> List.of(e.split("\\s+")).stream())
                    .map(p -> p.replace("/tcp", "")).toList());
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String e : all("ENV")) {
                if (e.matches("^[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(e);
                    while (pair.find()) {
                        env.put(pair.group(1), pair.group(2).replace("\"", ""));
                    }
                } else {
                    String[] kv = e.split("\\s+", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            return env;
        }

        Set<String> args() {
            return Set.copyOf(all("ARG").stream().map(a -> a.split("=", 2)[0].strip()).toList());
        }
    }

    /** Enough TOML for fly.toml: {@code table.sub.key → raw value}; array-of-tables entries share one prefix. */
    private static final class Toml {

        static Map<String, String> read(Path file) throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            String table = "";
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Matcher header = Pattern.compile("^\\[\\[?\\s*([^\\]]+?)\\s*]]?$").matcher(line);
                if (header.matches()) {
                    table = header.group(1) + ".";
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    fail(file + ": not a key = value line: " + line);
                }
                String value = line.substring(eq + 1).strip();
                if (!value.startsWith("\"") && value.contains("#")) {
                    value = value.substring(0, value.indexOf('#')).strip();
                }
                values.put(table + line.substring(0, eq).strip(), value);
            }
            return values;
        }

        /** The keys of one table, values unquoted. */
        static Map<String, String> table(Map<String, String> toml, String table) {
            Map<String, String> found = new LinkedHashMap<>();
            toml.forEach((key, value) -> {
                if (key.startsWith(table + ".") && key.indexOf('.', table.length() + 1) < 0) {
                    found.put(key.substring(table.length() + 1), value.replaceAll("^\"|\"$", ""));
                }
            });
            return found;
        }
    }
}
