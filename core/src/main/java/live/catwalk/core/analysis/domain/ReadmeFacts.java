package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a README says about starting a server, read from its code blocks: the client configurations it shows
 * ({@code "command"}, {@code "args"}, {@code "env"}, in the shapes of Claude, Cursor, VS Code and Zed) and the
 * command lines ({@code npx …}, {@code uvx …}, with {@code NAME=value} prefixes), and the variables they set.
 * A variable set by more than half of the launches that set any is read as required: the usual way to run the
 * server needs it. Pure; the text and the results are bounded.
 */
public record ReadmeFacts(List<Launch> launches, List<String> otherVariables) {

    /** How much of a README is read. */
    public static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_BLOCKS = 200;
    private static final int MAX_LAUNCHES = 50;
    private static final int MAX_ARGS = 30;

    /** One way the README starts the server: the program, its arguments, and the variables it sets. */
    public record Launch(String command, List<String> args, List<String> envNames) {

        public Launch {
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            envNames = List.copyOf(envNames);
        }

        /**
         * Whether this launch speaks stdio: it does not switch the server to HTTP or SSE ({@code --transport http},
         * {@code --transport=sse}, {@code --http}, {@code --sse}, {@code --port N}).
         */
        public boolean stdio() {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i).toLowerCase(Locale.ROOT);
                String next = i + 1 < args.size() ? args.get(i + 1).toLowerCase(Locale.ROOT) : null;
                String transport = a.startsWith("--transport=") ? a.substring("--transport=".length())
                        : a.equals("--transport") ? next : null;
                if (transport != null && !transport.equals("stdio") || a.equals("--http") || a.equals("--sse")
                        || a.equals("--port") || a.startsWith("--port=")) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether this launch runs {@code packageName}: an argument names it, bare or pinned ({@code name@1.2.3},
         * {@code name==1.2.3}, {@code --from=name…}).
         */
        public boolean runs(String packageName) {
            return args.stream().map(a -> a.startsWith("--from=") ? a.substring("--from=".length()) : a)
                    .anyMatch(a -> a.equals(packageName) || a.startsWith(packageName + "@")
                            || a.startsWith(packageName + "=="));
        }
    }

    /** {@code otherVariables}: names set outside any launch ({@code export X=…}, {@code .env} lines). */
    public ReadmeFacts {
        launches = List.copyOf(launches);
        otherVariables = List.copyOf(otherVariables);
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z_][A-Z0-9_]{0,99})=\\S*");
    private static final Set<String> PROGRAMS = Set.of("npx", "uvx", "bunx", "pipx", "uv", "node", "python",
            "python3", "docker", "deno");
    private static final ObjectMapper LENIENT = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .build())
            .build();

    /** Reads {@code readme} (Markdown). */
    public static ReadmeFacts of(String readme) {
        String text = readme.length() > MAX_TEXT ? readme.substring(0, MAX_TEXT) : readme;
        List<Launch> launches = new ArrayList<>();
        Set<String> exported = new LinkedHashSet<>();
        for (String body : codeBlocks(text)) {
            JsonNode json = json(body);
            if (json != null) {
                configs(json, launches, 0);
            } else {
                commandLines(body, launches, exported);
            }
        }
        List<Launch> kept = launches.size() > MAX_LAUNCHES ? launches.subList(0, MAX_LAUNCHES) : launches;
        return new ReadmeFacts(kept, List.copyOf(exported).subList(0, Math.min(exported.size(), 100)));
    }

    /** The fenced code blocks (``` or ~~~, indented at most 3 spaces), in order; one pass over the lines. */
    private static List<String> codeBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        String fence = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String opening = line.length() - line.stripLeading().length() <= 3 ? line.stripLeading() : "";
            if (fence == null) {
                if (opening.startsWith("```") || opening.startsWith("~~~")) {
                    fence = opening.substring(0, 3);
                    body.setLength(0);
                }
            } else if (opening.startsWith(fence) && onlyOf(opening.strip(), fence.charAt(0))) {
                blocks.add(body.toString());
                fence = null;
                if (blocks.size() == MAX_BLOCKS) {
                    break;
                }
            } else {
                body.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static boolean onlyOf(String text, char mark) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != mark) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode json(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            return LENIENT.readTree(trimmed);
        } catch (Exception notJson) { // a fragment, or JSON with "..." placeholders: read as lines
            return null;
        }
    }

    private static void configs(JsonNode node, List<Launch> launches, int depth) {
        if (depth > 8 || launches.size() >= MAX_LAUNCHES) {
            return;
        }
        if (node.isObject()) {
            JsonNode command = node.get("command");
            if (command != null && command.isObject() && command.path("path").isTextual()) { // Zed
                launch(command.get("path").asText(), command.path("args"), command.path("env"), launches);
                return;
            }
            if (command != null && command.isTextual()) {
                launch(command.asText(), node.path("args"), node.path("env"), launches);
                return;
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                configs(child, launches, depth + 1);
            }
        }
    }

    private static void launch(String command, JsonNode args, JsonNode env, List<Launch> launches) {
        List<String> argv = new ArrayList<>();
        if (args.isArray()) {
            for (JsonNode a : args) {
                if (a.isValueNode() && argv.size() < MAX_ARGS) {
                    argv.add(a.asText());
                }
            }
        }
        List<String> names = new ArrayList<>();
        if (env.isObject()) {
            env.fieldNames().forEachRemaining(n -> {
                if (EnvVar.isName(n)) {
                    names.add(n);
                }
            });
        }
        // a command line written as one string: "npx -y pkg"
        List<String> words = List.of(command.strip().split("\\s+"));
        List<String> all = new ArrayList<>(words.subList(1, words.size()));
        all.addAll(argv);
        launches.add(new Launch(program(words.getFirst()), all.size() > MAX_ARGS ? all.subList(0, MAX_ARGS) : all,
                names));
    }

    private static void commandLines(String body, List<Launch> launches, Set<String> exported) {
        for (String raw : body.split("\\n")) {
            String line = raw.strip();
            if (line.startsWith("$ ")) {
                line = line.substring(2).strip();
            }
            if (line.startsWith("export ")) {
                Matcher m = ASSIGNMENT.matcher(line.substring("export ".length()).strip());
                if (m.lookingAt()) {
                    exported.add(m.group(1));
                }
                continue;
            }
            List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
            List<String> names = new ArrayList<>();
            while (!words.isEmpty() && ASSIGNMENT.matcher(words.getFirst()).matches()) {
                Matcher m = ASSIGNMENT.matcher(words.removeFirst());
                if (m.matches()) {
                    names.add(m.group(1));
                }
            }
            if (words.isEmpty()) {
                if (names.size() == 1 && line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                    exported.addAll(names); // a .env line
                }
                continue;
            }
            String program = program(words.getFirst());
            if (PROGRAMS.contains(program) && launches.size() < MAX_LAUNCHES) {
                List<String> args = words.subList(1, Math.min(words.size(), MAX_ARGS + 1)).stream()
                        .map(ReadmeFacts::unquote).toList();
                launches.add(new Launch(program, args, names));
            }
        }
    }

    private static String program(String word) {
        String w = unquote(word);
        int slash = w.lastIndexOf('/');
        return slash >= 0 ? w.substring(slash + 1) : w;
    }

    private static String unquote(String word) {
        return word.length() >= 2 && (word.startsWith("\"") && word.endsWith("\"")
                || word.startsWith("'") && word.endsWith("'")) ? word.substring(1, word.length() - 1) : word;
    }

    /**
     * Variables the launches {@code ofTheServer} picks use as alternatives: each such launch sets exactly one of
     * them, and every one of them is set by some launch (e.g. a token, or a header holding it). Empty when there
     * are fewer than two, or when a launch sets none or several of them.
     */
    public List<String> alternatives(Predicate<Launch> ofTheServer) {
        List<Launch> withEnv = launches.stream().filter(ofTheServer).filter(l -> !l.envNames().isEmpty()).toList();
        if (withEnv.size() < 2) {
            return List.of();
        }
        java.util.Set<String> common = new java.util.LinkedHashSet<>(withEnv.getFirst().envNames());
        withEnv.forEach(l -> common.retainAll(l.envNames()));
        java.util.Set<String> varying = new java.util.LinkedHashSet<>();
        withEnv.forEach(l -> l.envNames().stream().filter(n -> !common.contains(n)).forEach(varying::add));
        boolean oneEach = withEnv.stream()
                .allMatch(l -> l.envNames().stream().distinct().filter(varying::contains).count() == 1);
        return varying.size() >= 2 && oneEach ? List.copyOf(varying) : List.of();
    }

    /**
     * The variables of the server whose launches {@code ofTheServer} picks (e.g. {@code l -> l.runs("pkg")}): those
     * its launches set, required when more than half of the launches that set any set it, then the names set
     * outside any launch, optional. Secret when the name says so.
     */
    public List<EnvVar> env(Predicate<Launch> ofTheServer) {
        List<Launch> withEnv = launches.stream().filter(ofTheServer).filter(l -> !l.envNames().isEmpty()).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        withEnv.forEach(l -> l.envNames().stream().distinct().forEach(n -> counts.merge(n, 1, Integer::sum)));
        otherVariables.forEach(n -> counts.putIfAbsent(n, 0));
        List<EnvVar> env = new ArrayList<>();
        counts.forEach((name, count) -> env.add(new EnvVar(name, Optional.empty(), count * 2 > withEnv.size(),
                EnvVar.looksSecret(name), Optional.empty(), "text", List.of(), Source.README)));
        return env.size() > 100 ? env.subList(0, 100) : env;
    }
}
