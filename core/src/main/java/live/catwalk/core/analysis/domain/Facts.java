package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * What a repository's files say for certain, before any registry or model is asked: whether it is an MCP server
 * (and the evidence), the packages that may run it (most authoritative first), the runtime, and everything needed
 * to name its variables and required arguments once a package is chosen. Pure and immutable.
 */
public record Facts(boolean isMcpServer, Source isMcpServerSource, List<String> evidence, List<Candidate> candidates,
                    Optional<String> runtime, Optional<Source> runtimeSource, Optional<ServerJson> serverJson,
                    Source declaredBy, Optional<String> registryName, List<EnvVar> smitheryEnv, ReadmeFacts readme,
                    List<EnvVar> looseEnv, List<Notice> notices) {

    private static final Pattern PYTHON_MCP_REQUIREMENT = Pattern.compile(
            "(?im)^\\s*(mcp|fastmcp)\\s*(\\[[^\\]]*\\])?\\s*([<>=!~;].*)?$");
    private static final Pattern CODE_USES_MCP = Pattern.compile(
            "@modelcontextprotocol/sdk|\\bfrom\\s+(mcp|fastmcp)(\\.[\\w.]+)?\\s+import\\b"
                    + "|\\bimport\\s+(mcp|fastmcp)\\b");
    private static final Pattern CLIENT_CONFIG = Pattern.compile("\"?mcpServers\"?\\s*:|\"?context_servers\"?\\s*:");
    private static final Pattern DOCKER_FROM = Pattern.compile("(?im)^\\s*FROM\\s+(?:--\\S+\\s+)*(\\S+)");
    private static final Pattern DOTENV_LINE = Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Z_][A-Z0-9_]{0,99})\\s*=");

    public Facts {
        Objects.requireNonNull(isMcpServerSource, "isMcpServerSource");
        evidence = List.copyOf(evidence);
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(runtimeSource, "runtimeSource");
        Objects.requireNonNull(serverJson, "serverJson");
        Objects.requireNonNull(declaredBy, "declaredBy");
        Objects.requireNonNull(registryName, "registryName");
        smitheryEnv = List.copyOf(smitheryEnv);
        Objects.requireNonNull(readme, "readme");
        looseEnv = List.copyOf(looseEnv);
        notices = List.copyOf(notices);
    }

    /** A package that may run the server, the version the repository names if any, and who names it. */
    public record Candidate(Registry registry, String name, Optional<String> versionInRepo, Source source) {
        public Candidate {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(versionInRepo, "versionInRepo");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * Reads {@code files}, with its {@code pyproject.toml} and {@code smithery.yaml} already parsed into trees
     * (empty: absent or unreadable, {@code unreadable} then naming them for a notice).
     */
    public static Facts of(RepositoryFiles files, Optional<JsonNode> pyproject, Optional<JsonNode> smithery,
                           List<String> unreadable) {
        List<Notice> notices = new ArrayList<>();
        unreadable.forEach(f -> notices.add(Notice.warning(f + " could not be read as its format; it was skipped")));
        Evidence is = new Evidence();
        List<Candidate> candidates = new ArrayList<>();

        Optional<ServerJson> serverJson = files.text("server.json").flatMap(t -> switch (ServerJson.parse(t)) {
            case ServerJson.Parsed.Read(ServerJson s) -> Optional.of(s);
            case ServerJson.Parsed.Unreadable(String problem) -> {
                notices.add(Notice.warning(problem));
                yield Optional.<ServerJson>empty();
            }
        });
        serverJson.ifPresent(s -> {
            s.warnings().forEach(w -> notices.add(Notice.warning("server.json: " + w)));
            if (!s.packages().isEmpty() || s.hasRemotes() || !s.otherPackages().isEmpty()) {
                is.found(Source.SERVER_JSON, "server.json declares an MCP server");
            }
            s.packages().forEach(p -> candidates.add(new Candidate(p.registry(), p.identifier(), p.version(),
                    Source.SERVER_JSON)));
        });

        List<EnvVar> smitheryEnv = new ArrayList<>();
        smithery.map(SmitheryYaml::of).ifPresent(parsed -> {
            switch (parsed) {
                case SmitheryYaml.Parsed.Read(SmitheryYaml s) -> {
                    is.found(Source.SMITHERY, "smithery.yaml describes how to start an MCP server");
                    smitheryEnv.addAll(s.env());
                    s.warnings().forEach(w -> notices.add(Notice.warning("smithery.yaml: " + w)));
                }
                case SmitheryYaml.Parsed.Unreadable(String problem) -> notices.add(Notice.warning(problem));
            }
        });

        Optional<String> runtime = Optional.empty();
        Optional<Source> runtimeSource = Optional.empty();
        Optional<PackageJson> packageJson = files.text("package.json").flatMap(t -> switch (PackageJson.parse(t)) {
            case PackageJson.Parsed.Read(PackageJson p) -> Optional.of(p);
            case PackageJson.Parsed.Unreadable(String problem) -> {
                notices.add(Notice.warning(problem));
                yield Optional.<PackageJson>empty();
            }
        });
        if (packageJson.isPresent()) {
            PackageJson p = packageJson.get();
            runtime = Optional.of("node");
            runtimeSource = Optional.of(Source.PACKAGE_JSON);
            if (p.usesMcpSdk() || p.mcpName().isPresent()) {
                is.found(Source.PACKAGE_JSON, p.mcpName().isPresent() ? "package.json names its MCP registry entry"
                        : "package.json depends on an MCP server SDK");
            } else {
                is.lacking("package.json does not depend on an MCP server SDK");
            }
            if (p.isPrivate()) {
                notices.add(Notice.warning("package.json is private: it is not published to npm"));
            } else {
                p.name().ifPresent(n -> candidates.add(new Candidate(Registry.NPM, n, p.version(),
                        Source.PACKAGE_JSON)));
            }
        }

        Optional<PyProject> py = pyproject.map(PyProject::of).flatMap(parsed -> switch (parsed) {
            case PyProject.Parsed.Read(PyProject p) -> Optional.of(p);
            case PyProject.Parsed.Unreadable(String problem) -> {
                notices.add(Notice.warning(problem));
                yield Optional.<PyProject>empty();
            }
        });
        if (py.isPresent()) {
            PyProject p = py.get();
            p.warnings().forEach(w -> notices.add(Notice.warning("pyproject.toml: " + w)));
            if (runtime.isEmpty()) {
                runtime = Optional.of("python");
                runtimeSource = Optional.of(Source.PYPROJECT);
            }
            if (p.usesMcpSdk()) {
                is.found(Source.PYPROJECT, "pyproject.toml depends on an MCP server SDK");
            } else {
                is.lacking("pyproject.toml does not depend on an MCP server SDK");
            }
            p.name().ifPresent(n -> candidates.add(new Candidate(Registry.PYPI, n, p.version(), Source.PYPROJECT)));
        }
        if (files.text("requirements.txt").filter(t -> PYTHON_MCP_REQUIREMENT.matcher(t).find()).isPresent()) {
            is.found(Source.CODE, "requirements.txt requires the MCP SDK");
        }
        if (runtime.isEmpty() && (files.text("requirements.txt").isPresent() || files.hasCode(".py"))) {
            runtime = Optional.of("python");
            runtimeSource = Optional.of(Source.CODE);
        }
        if (runtime.isEmpty()) { // a Dockerfile's base image; its ENV lines are the image's, not the package's
            Optional<String> image = files.text("Dockerfile").flatMap(t -> DOCKER_FROM.matcher(t).results()
                    .map(m -> m.group(1).toLowerCase(java.util.Locale.ROOT)).findFirst());
            runtime = image.map(i -> i.contains("python") ? "python" : i.contains("node") ? "node" : "other");
            runtimeSource = runtime.map(r -> Source.CODE);
        }

        List<EnvVar> looseEnv = new ArrayList<>();
        files.code().forEach((path, text) -> {
            if (CODE_USES_MCP.matcher(text).find()) {
                is.found(Source.CODE, path + " uses an MCP SDK");
            }
            EnvReads.in(text).forEach(r -> looseEnv.add(new EnvVar(r.name(), Optional.empty(), false,
                    EnvVar.looksSecret(r.name()), r.defaultValue(), "text", List.of(), Source.CODE)));
        });
        files.text(".env.example").ifPresent(t -> DOTENV_LINE.matcher(t).results().limit(100)
                .forEach(m -> looseEnv.add(EnvVar.named(m.group(1), Source.README))));

        ReadmeFacts readme = files.readme().map(ReadmeFacts::of).orElse(new ReadmeFacts(List.of(), List.of()));
        if (files.readme().filter(t -> CLIENT_CONFIG.matcher(t).find()).isPresent()) {
            is.found(Source.README, "the README shows an MCP client configuration");
        }
        readmePackages(readme).forEach((name, registry) -> {
            if (candidates.stream().noneMatch(c -> c.name().equals(name))) {
                candidates.add(new Candidate(registry, name, Optional.empty(), Source.README));
            }
        });
        Optional<String> registryName = serverJson.flatMap(ServerJson::name)
                .or(() -> packageJson.flatMap(PackageJson::mcpName));
        return new Facts(is.any(), is.source(), is.evidence(), candidates, runtime, runtimeSource, serverJson,
                Source.SERVER_JSON, registryName, smitheryEnv, readme, looseEnv, notices);
    }

    /**
     * These facts with the MCP registry's entry for the server as its declaration, when the repository has no
     * {@code server.json} of its own: its stdio packages become the first candidates and its variables and
     * arguments count as the registry's ({@link Source#REGISTRY}).
     */
    public Facts declaredByRegistry(ServerJson entry) {
        if (serverJson.isPresent() || entry.packages().isEmpty()) {
            return this;
        }
        List<Candidate> first = new ArrayList<>();
        entry.packages().forEach(p -> first.add(new Candidate(p.registry(), p.identifier(), Optional.empty(),
                Source.REGISTRY)));
        candidates.stream().filter(c -> first.stream().noneMatch(f -> f.name().equals(c.name()))).forEach(first::add);
        List<String> why = new ArrayList<>(isMcpServer ? evidence : List.of());
        why.add("the official MCP registry lists it" + entry.name().map(n -> " as " + n).orElse(""));
        return new Facts(true, isMcpServer && isMcpServerSource.compareTo(Source.REGISTRY) < 0 ? isMcpServerSource
                : Source.REGISTRY, why, first, runtime, runtimeSource, Optional.of(entry), Source.REGISTRY,
                entry.name().or(() -> registryName), smitheryEnv, readme, looseEnv, notices);
    }

    /**
     * The variables of the server run by {@code chosen}, merged from every source: its {@code server.json}
     * declaration, {@code smithery.yaml}, the README's launches of it (of every launch when none names it), and
     * the variables read elsewhere (code, {@code .env.example}) as optional. Launches that switch to HTTP are left out.
     */
    public List<EnvVar> env(Optional<Candidate> chosen) {
        List<EnvVar> all = new ArrayList<>();
        chosen.flatMap(this::declared).ifPresent(p -> p.env().forEach(v -> all.add(declaredBy == Source.SERVER_JSON
                ? v : new EnvVar(v.name(), v.description(), v.required(), v.secret(), v.defaultValue(), v.format(),
                v.choices(), declaredBy))));
        all.addAll(smitheryEnv);
        boolean launched = chosen.isPresent() && readme.launches().stream().anyMatch(l -> l.runs(chosen.get().name()));
        all.addAll(readme.env(l -> l.stdio() && (!launched || l.runs(chosen.get().name()))));
        all.addAll(looseEnv);
        return EnvFindings.merge(all);
    }

    /**
     * The arguments that must follow {@code chosen}: those its {@code server.json} declares required, else the
     * positional arguments that every README launch of it passes after the package (their first values as examples).
     */
    public List<Analysis.Argument> requiredArgs(Candidate chosen) {
        Optional<ServerJson.StdioPackage> declared = declared(chosen);
        if (declared.isPresent()) {
            return declared.get().requiredPlaceholders().stream().map(a -> new Analysis.Argument(a.placeholder(),
                    a.description(), a.example(), declaredBy)).toList();
        }
        List<List<String>> positional = readme.launches().stream().filter(l -> l.stdio() && l.runs(chosen.name()))
                .map(l -> LaunchWords.positionalAfter(l, chosen.name())).toList();
        int count = positional.stream().mapToInt(List::size).min().orElse(0);
        List<Analysis.Argument> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            args.add(new Analysis.Argument("<argument-" + (i + 1) + ">",
                    Optional.of("an argument every launch in the README passes after the package"),
                    Optional.of(positional.getFirst().get(i)), Source.README));
        }
        return args;
    }

    private Optional<ServerJson.StdioPackage> declared(Candidate chosen) {
        return serverJson.flatMap(s -> s.packages().stream().filter(p -> p.registry() == chosen.registry()
                && p.identifier().equals(chosen.name())).findFirst());
    }

    /** The packages README launches run with npx or uvx, most launched first. */
    private static Map<String, Registry> readmePackages(ReadmeFacts readme) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Registry> registries = new LinkedHashMap<>();
        for (ReadmeFacts.Launch l : readme.launches()) {
            LaunchWords.packageOf(l).filter(p -> PackageRef.problem(p.registry(), p.name(), Optional.empty()).isEmpty())
                    .ifPresent(p -> {
                        counts.merge(p.name(), 1, Integer::sum);
                        registries.putIfAbsent(p.name(), p.registry());
                    });
        }
        Map<String, Registry> ordered = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), registries.get(e.getKey())));
        return ordered;
    }

    /** The strongest evidence that the repository is an MCP server, or what was found against it. */
    private static final class Evidence {
        private final List<String> found = new ArrayList<>();
        private final List<String> against = new ArrayList<>();
        private Source best;

        void found(Source source, String what) {
            found.add(what);
            if (best == null || source.compareTo(best) < 0) {
                best = source;
            }
        }

        void lacking(String what) {
            against.add(what);
        }

        boolean any() {
            return best != null;
        }

        Source source() {
            return best != null ? best : Source.CODE;
        }

        List<String> evidence() {
            return best != null ? found : against;
        }
    }
}
