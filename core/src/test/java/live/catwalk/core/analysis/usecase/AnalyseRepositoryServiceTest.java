package live.catwalk.core.analysis.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.AnalysisJob;
import live.catwalk.core.analysis.domain.EnvVar;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelQuestion;
import live.catwalk.core.analysis.domain.Notice;
import live.catwalk.core.analysis.domain.Source;
import live.catwalk.core.analysis.port.in.AnalyseRepository;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.analysis.port.out.ModelAdvisor;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.fakes.FakeKeyRing;
import live.catwalk.core.credential.fakes.FakeSecretCipher;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.shared.limit.RateLimit;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.Test;

class AnalyseRepositoryServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ADA = new Principal(new UserId(new UUID(0, 1)), Role.USER,
            new TokenId(new UUID(0, 2)));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeRepositoryHost host = new FakeRepositoryHost();
    private final Map<String, String> published = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final PackageRegistry registry = ref -> {
        lookups.incrementAndGet();
        String latest = published.get(ref.registry().wireName() + ":" + ref.name());
        return latest == null ? new PackageRegistry.Lookup.NoSuchPackage() : new PackageRegistry.Lookup.Found(latest);
    };
    private final FakeModel model = new FakeModel();
    /** The MCP registry's entries by name, found by name or by their repository. */
    private final Map<String, String> entries = new HashMap<>();
    private final McpRegistry mcpRegistry = new McpRegistry() {
        @Override
        public Page search(Optional<String> query, Optional<String> cursor, int limit) {
            return new Page(entries.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue(), Optional.empty()))
                    .toList(), Optional.empty());
        }

        @Override
        public Optional<Entry> latest(String name) {
            return Optional.ofNullable(entries.get(name)).map(json -> new Entry(name, json, Optional.empty()));
        }
    };
    private final Stores stores = new InMemoryStore().stores();
    private final List<Runnable> queued = new ArrayList<>();
    private Executor executor = Runnable::run;
    private Optional<RateLimit> startsPerUser = Optional.empty();

    /** A stand-in for the TOML and YAML readers (core has none): manifests in these tests are written as JSON. */
    private static final ManifestFormats JSON_STAND_IN = new ManifestFormats() {
        @Override
        public Optional<JsonNode> toml(String text) {
            return read(text);
        }

        @Override
        public Optional<JsonNode> yaml(String text) {
            return read(text);
        }

        private Optional<JsonNode> read(String text) {
            try {
                return Optional.of(JSON.readTree(text));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    };

    private AnalyseRepositoryService service() {
        return new AnalyseRepositoryService(new AnalyseRepositoryService.Sources(host, JSON_STAND_IN, registry,
                mcpRegistry, model, stores.analyses()), stores.settings(), new FakeSecretCipher(FakeKeyRing.writable()),
                r -> executor.execute(r), new FakeRandomness(), clock, startsPerUser);
    }

    private Analysis analysed(String repo) {
        AnalysisJob job = started(service(), repo, false);
        assertEquals(AnalysisJob.Status.SUCCEEDED, job.status(), job.failure().toString());
        return job.analysis().orElseThrow();
    }

    private AnalysisJob started(AnalyseRepositoryService service, String repo, boolean force) {
        var result = assertInstanceOf(AnalyseRepository.Result.Started.class, service.start(ADA, repo, force));
        return service.get(ADA, result.job().id()).orElseThrow();
    }

    private static final String TS_README = """
            # Weather MCP server
            ```json
            {"mcpServers": {"weather": {"command": "npx", "args": ["-y", "weather-mcp"],
               "env": {"WEATHER_API_KEY": "your-key", "WEATHER_UNITS": "metric"}}}}
            ```
            Or run `npx -y weather-mcp` with:
            ```bash
            WEATHER_API_KEY=abc npx -y weather-mcp
            ```
            """;

    @Test
    void aTypeScriptServerWhoseVariablesAreOnlyInItsReadmeYieldsPackageCommandAndVariables() {
        host.with("acme/weather", Map.of("README.md", TS_README, "package.json", """
                {"name": "weather-mcp", "version": "0.9.0", "bin": {"weather-mcp": "dist/index.js"},
                 "dependencies": {"@modelcontextprotocol/sdk": "^1.0.0"}}"""));
        published.put("npm:weather-mcp", "1.2.0");
        Analysis a = analysed("https://github.com/acme/weather");

        assertTrue(a.isMcpServer());
        assertEquals(Source.PACKAGE_JSON, a.isMcpServerSource());
        Analysis.FoundPackage pkg = a.pkg().orElseThrow();
        assertEquals("weather-mcp", pkg.name());
        assertEquals(Optional.of("1.2.0"), pkg.version(), "the registry's latest is the one to run");
        assertEquals(Optional.of("0.9.0"), pkg.versionInRepo());
        assertTrue(pkg.confirmed());
        assertEquals(List.of("npx", "-y", "--", "weather-mcp@1.2.0"), a.command());
        assertEquals(Optional.of("node"), a.runtime());
        EnvVar key = a.env().stream().filter(v -> v.name().equals("WEATHER_API_KEY")).findFirst().orElseThrow();
        assertTrue(key.required() && key.secret(), key.toString());
        assertEquals(Source.README, key.source());
        EnvVar units = a.env().stream().filter(v -> v.name().equals("WEATHER_UNITS")).findFirst().orElseThrow();
        assertFalse(units.required(), "set by one launch of two: " + units);
        assertTrue(a.deterministic());
        assertEquals(0, model.asked.get(), "no key: no model");
    }

    @Test
    void aFileTheHostWillNotFetchIsSkippedNotAFailure() {
        host.with("acme/odd", Map.of("package.json", "{\"name\": \"odd-mcp\", \"dependencies\": "
                + "{\"@modelcontextprotocol/sdk\": \"1\"}}", "src/..index.ts", "process.env.ODD_KEY"));
        published.put("npm:odd-mcp", "1.0.0");
        Analysis a = analysed("acme/odd");
        assertEquals("odd-mcp", a.pkg().orElseThrow().name());
    }

    @Test
    void aPythonServerOnPypiIsRunWithUvx() {
        host.with("acme/notes", Map.of("README.md", "# Notes\n```\nuvx notes-mcp\n```\n", "pyproject.toml", """
                {"project": {"name": "notes-mcp", "version": "0.1.0", "dependencies": ["mcp[cli]>=1.2"],
                 "scripts": {"notes-mcp": "notes.server:main"}}}""", "notes/server.py",
                "import os\nfrom mcp.server.fastmcp import FastMCP\nTOKEN = os.environ[\"NOTES_TOKEN\"]\n"));
        published.put("pypi:notes-mcp", "0.2.0");
        Analysis a = analysed("acme/notes");

        assertEquals(Source.PYPROJECT, a.isMcpServerSource());
        assertEquals(List.of("uvx", "--from=notes-mcp==0.2.0", "notes-mcp"), a.command());
        assertEquals(Optional.of("python"), a.runtime());
        EnvVar token = a.env().getFirst();
        assertEquals("NOTES_TOKEN", token.name());
        assertEquals(Source.CODE, token.source());
        assertTrue(token.secret());
    }

    @Test
    void aServerJsonDeclarationWinsOverTheReadmeAndGivesRequiredArguments() {
        host.with("acme/files", Map.of("README.md", TS_README, "server.json", """
                {"name": "io.github.acme/files", "packages": [{"registryType": "npm", "identifier": "files-mcp",
                  "version": "2.0.0", "transport": {"type": "stdio"},
                  "packageArguments": [{"type": "positional", "valueHint": "root-directory", "isRequired": true}],
                  "environmentVariables": [{"name": "WEATHER_API_KEY", "isRequired": false, "isSecret": true,
                    "description": "optional key"}]}]}"""));
        published.put("npm:files-mcp", "2.1.0");
        Analysis a = analysed("acme/files");

        assertEquals(Source.SERVER_JSON, a.pkg().orElseThrow().source());
        assertEquals(List.of("npx", "-y", "--", "files-mcp@2.1.0", "<root-directory>"), a.command());
        assertEquals("<root-directory>", a.requiredArgs().getFirst().placeholder());
        EnvVar key = a.env().getFirst();
        assertFalse(key.required(), "the declaration outranks the README");
        assertEquals(Optional.of("optional key"), key.description());
    }

    @Test
    void theMcpRegistrysEntryDeclaresWhatTheRepositoryDoesNot() {
        host.with("acme/notion", Map.of("package.json", """
                {"name": "notion-mcp", "mcpName": "io.github.acme/notion", "dependencies": {"fastmcp": "1"}}"""));
        host.with("acme/other", Map.of("README.md", "An MCP server.\n```json\n{\"mcpServers\": {}}\n```"));
        entries.put("io.github.acme/notion", """
                {"name": "io.github.acme/notion", "packages": [{"registryType": "npm", "identifier": "notion-mcp",
                 "environmentVariables": [{"name": "NOTION_TOKEN", "isRequired": true, "isSecret": true}]}]}""");
        entries.put("io.github.acme/other", """
                {"name": "io.github.acme/other", "repository": {"url": "https://github.com/Acme/other.git"},
                 "packages": [{"registryType": "pypi", "identifier": "other-mcp"}]}""");
        published.put("npm:notion-mcp", "1.0.0");
        published.put("pypi:other-mcp", "2.0.0");

        EnvVar token = analysed("acme/notion").env().getFirst();
        assertEquals("NOTION_TOKEN", token.name());
        assertTrue(token.required());
        assertEquals(Source.REGISTRY, token.source());
        Analysis other = analysed("acme/other");
        assertEquals("other-mcp", other.pkg().orElseThrow().name(), "found by its repository");
        assertEquals(Source.REGISTRY, other.pkg().orElseThrow().source());
    }

    @Test
    void aMonorepoFolderIsReadAloneAndItsPrivateRootIsNotAPackage() {
        host.with("acme/servers", Map.of("package.json", "{\"name\": \"servers\", \"private\": true}",
                "src/git/package.json", """
                {"name": "@acme/server-git", "dependencies": {"@modelcontextprotocol/sdk": "1"}}""",
                "src/git/README.md", "```\nnpx -y @acme/server-git /path/to/repo\n```\n"));
        published.put("npm:@acme/server-git", "3.0.0");
        Analysis a = analysed("https://github.com/acme/servers/tree/main/src/git");

        assertEquals("@acme/server-git", a.pkg().orElseThrow().name());
        assertEquals(Optional.of("src/git"), a.repository().subdir());
        assertEquals(1, a.requiredArgs().size(), "every launch passes a directory: " + a.requiredArgs());
        assertEquals(Optional.of("/path/to/repo"), a.requiredArgs().getFirst().example());
        assertEquals(List.of("npx", "-y", "--", "@acme/server-git@3.0.0", "<argument-1>"), a.command());
    }

    @Test
    void aLibraryIsNotAnMcpServerAndSaysWhatWasFound() {
        host.with("acme/lib", Map.of("README.md", "# lib\n```\nnpm install lib\n```", "package.json",
                "{\"name\": \"tiny-lib\", \"dependencies\": {\"lodash\": \"4\"}}"));
        published.put("npm:tiny-lib", "1.0.0");
        Analysis a = analysed("acme/lib");

        assertFalse(a.isMcpServer());
        assertEquals(List.of(), a.command());
        Notice notice = a.notices().getFirst();
        assertEquals("not_an_mcp_server", notice.code());
        assertTrue(notice.message().contains("package.json does not depend on an MCP server SDK"), notice.message());
    }

    @Test
    void aServerWithNoPublishedPackageSaysSoAndWhatToDo() {
        host.with("acme/bridge", Map.of("README.md", "```json\n{\"mcpServers\": {\"b\": {\"command\": \"python\", "
                + "\"args\": [\"bridge.py\"]}}}\n```", "requirements.txt", "mcp==1.5.0\nrequests\n", "bridge.py",
                "from mcp.server.fastmcp import FastMCP\n"));
        Analysis a = analysed("acme/bridge");

        assertTrue(a.isMcpServer());
        assertTrue(a.pkg().isEmpty());
        assertEquals(Optional.of("python"), a.runtime());
        assertEquals("no_published_package", a.notices().getFirst().code());
        assertTrue(a.notices().getFirst().hint().orElseThrow().contains("publish"));
    }

    @Test
    void aDockerfileTellsTheRuntimeWhenNothingElseDoesButNotTheVariables() {
        host.with("acme/boxed", Map.of("README.md", "An MCP server.\n```json\n{\"mcpServers\": {}}\n```",
                "Dockerfile", "# build\nFROM --platform=linux/amd64 python:3.12-slim AS base\nENV BOXED_MODE=image\n"));
        Analysis a = analysed("acme/boxed");
        assertEquals(Optional.of("python"), a.runtime());
        assertEquals(List.of(), a.env(), "the image's ENV is not the package's");
    }

    @Test
    void aManifestNamingAnUnpublishedPackageIsAGuessWithoutACommand() {
        host.with("acme/draft", Map.of("package.json", """
                {"name": "draft-mcp", "dependencies": {"@modelcontextprotocol/sdk": "1"}}"""));
        Analysis a = analysed("acme/draft");

        assertFalse(a.pkg().orElseThrow().confirmed());
        assertEquals(List.of(), a.command());
        assertTrue(a.notices().stream().anyMatch(n -> n.code().equals("package_not_published")),
                a.notices().toString());
        assertTrue(a.notices().stream().anyMatch(n -> n.code().equals("no_published_package")), a.notices().toString());
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest() {
        for (String bad : List.of("http://169.254.169.254/", "file:///etc/passwd", "gitlab.com/x/y",
                "https://github.com@evil.com/x/y", "owner/name/../../x", "x".repeat(10_000))) {
            var rejected = assertInstanceOf(AnalyseRepository.Result.Rejected.class, service().start(ADA, bad, false));
            assertEquals("repo", rejected.problems().getFirst().field(), bad);
        }
        assertEquals(0, host.requests.get());
    }

    @Test
    void aMissingRepositoryAndARateLimitFailTheJobWithCodeAndHint() {
        AnalysisJob missing = started(service(), "acme/nothing", false);
        assertEquals(AnalysisJob.Status.FAILED, missing.status());
        assertEquals("repository_not_found", missing.failure().orElseThrow().code());
        assertTrue(missing.failure().orElseThrow().hint().orElseThrow().contains("public"));

        host.failWith(FakeRepositoryHost.rateLimited());
        AnalysisJob limited = started(service(), "acme/weather", false);
        assertEquals("github_rate_limited", limited.failure().orElseThrow().code());
        assertTrue(limited.failure().orElseThrow().hint().orElseThrow().contains("2026-12-05T15:00:00Z"));
    }

    @Test
    void theSameCommitIsServedFromTheCacheUnlessForced() {
        host.with("acme/weather", Map.of("README.md", TS_README, "package.json",
                "{\"name\": \"weather-mcp\", \"dependencies\": {\"@modelcontextprotocol/sdk\": \"1\"}}"));
        published.put("npm:weather-mcp", "1.2.0");
        AnalyseRepositoryService service = service();
        AnalysisJob first = started(service, "acme/weather", false);
        int afterFirst = host.requests.get();
        AnalysisJob second = started(service, "https://github.com/ACME/Weather", false);
        assertTrue(second.cached() && !first.cached());
        assertEquals(first.analysis(), second.analysis(), "the cached analysis reads back whole");
        assertEquals(afterFirst + 2, host.requests.get(), "only the repository and its commit are asked again");
        AnalysisJob forced = started(service, "acme/weather", true);
        assertFalse(forced.cached());
        assertTrue(host.requests.get() > afterFirst + 4);
    }

    @Test
    void progressIsVisibleWhileQueuedAndAUserHasAtMostThreeUnderWay() {
        executor = queued::add;
        AnalyseRepositoryService service = service();
        for (int i = 0; i < AnalyseRepository.MAX_RUNNING_PER_USER; i++) {
            AnalysisJob job = started(service, "acme/r" + i, false);
            assertEquals(AnalysisJob.Status.QUEUED, job.status());
            assertEquals(AnalysisJob.Step.QUEUED, job.step());
        }
        CatwalkException e = assertThrows(CatwalkException.class, () -> service.start(ADA, "acme/more", false));
        assertEquals("too_many_analyses", e.code());
        queued.forEach(Runnable::run);
        service.start(ADA, "acme/more", false);
    }

    @Test
    void aUserMayStartAtMostTheConfiguredNumberOfAnalysesAWindowAndIsToldWhenToRetry() {
        startsPerUser = Optional.of(new RateLimit(2, Duration.ofHours(1)));
        AnalyseRepositoryService service = service();
        Principal bob = new Principal(new UserId(new UUID(0, 7)), Role.USER, new TokenId(new UUID(0, 8)));
        started(service, "acme/a", false);
        clock.advance(Duration.ofMinutes(15));
        started(service, "acme/b", false);
        clock.advance(Duration.ofMinutes(15));

        CatwalkException e = assertThrows(CatwalkException.class, () -> service.start(ADA, "acme/c", false));

        assertEquals(CatwalkException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("analysis_rate_limited", e.code());
        assertEquals(Optional.of(Duration.ofMinutes(30)), e.retryAfter());
        assertTrue(e.getMessage().contains("2 analyses an hour") && e.getMessage().contains("1800 s"), e.getMessage());
        assertInstanceOf(AnalyseRepository.Result.Started.class, service.start(bob, "acme/c", false),
                "another user has a window of their own");
        assertInstanceOf(AnalyseRepository.Result.Rejected.class, service.start(ADA, "not a repo", false),
                "bad input is still named, not counted");
        clock.advance(Duration.ofMinutes(30));
        assertInstanceOf(AnalyseRepository.Result.Started.class, service.start(ADA, "acme/c", false));
    }

    @Test
    void anotherUsersAnalysisIsNotFoundAndAJobExpiresAfterADay() {
        host.with("acme/lib", Map.of("package.json", "{\"name\": \"tiny-lib\"}"));
        AnalyseRepositoryService service = service();
        String id = started(service, "acme/lib", false).id();
        Principal bob = new Principal(new UserId(new UUID(0, 9)), Role.ADMIN, new TokenId(new UUID(0, 8)));
        assertTrue(service.get(bob, id).isEmpty());
        clock.advance(Duration.ofHours(25));
        assertTrue(service.get(ADA, id).isEmpty());
    }

    @Test
    void theModelFillsOnlyGapsAndItsGuessesAreConfirmedOrMarked() {
        host.with("acme/mystery", Map.of("README.md", "# Mystery\nAn MCP server. Set `MYSTERY_TOKEN`.\n"
                + "```json\n{\"mcpServers\": {\"m\": {\"command\": \"node\", \"args\": [\"index.js\"]}}}\n```"));
        model.key = true;
        model.answer = () -> new ModelAnswer("test/model", Optional.of(true),
                Optional.of(new ModelAnswer.PackageGuess(PackageRef.Registry.NPM, "mystery-mcp")),
                List.of(new ModelAnswer.EnvGuess("MYSTERY_TOKEN", Optional.of("the token"), true, true),
                        new ModelAnswer.EnvGuess("INVENTED_VAR", Optional.empty(), true, false)), List.of());
        published.put("npm:mystery-mcp", "0.3.0");
        Analysis a = analysed("acme/mystery");

        assertEquals(1, model.asked.get());
        assertTrue(model.lastQuestion.gaps().contains(ModelQuestion.Gap.PACKAGE));
        Analysis.FoundPackage pkg = a.pkg().orElseThrow();
        assertTrue(pkg.confirmed());
        assertEquals(Source.LLM, pkg.source());
        assertEquals(List.of("MYSTERY_TOKEN"), a.env().stream().map(EnvVar::name).toList(),
                "a variable the repository never mentions is left out");
        assertTrue(a.notices().stream().anyMatch(n -> n.code().equals("unconfirmed_variables")
                && n.message().contains("INVENTED_VAR")), a.notices().toString());
        assertEquals(Optional.of("test/model"), a.model());
        assertFalse(a.deterministic());
    }

    @Test
    void aModelNamingAPackageThatDoesNotExistIsMarkedUnconfirmed() {
        host.with("acme/mystery", Map.of("README.md", "```json\n{\"mcpServers\": {}}\n```"));
        model.key = true;
        model.answer = () -> new ModelAnswer("test/model", Optional.of(true),
                Optional.of(new ModelAnswer.PackageGuess(PackageRef.Registry.NPM, "no-such-mcp")), List.of(),
                List.of());
        Analysis a = analysed("acme/mystery");

        Analysis.FoundPackage pkg = a.pkg().orElseThrow();
        assertFalse(pkg.confirmed());
        assertEquals(Source.LLM, pkg.source());
        assertEquals(List.of(), a.command(), "a guess is never run");
        assertTrue(a.notices().stream().anyMatch(n -> n.code().equals("unconfirmed_package")), a.notices().toString());
    }

    @Test
    void anUnavailableModelLeavesTheFactsAndSaysSo() {
        host.with("acme/weather", Map.of("README.md", "```json\n{\"mcpServers\": {\"w\": {\"command\": \"npx\", "
                + "\"args\": [\"-y\", \"weather-mcp\"]}}}\n```"));
        model.key = true;
        model.answer = () -> {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                            "the model answered invalid JSON twice")
                    .withCode("model_unavailable");
        };
        published.put("npm:weather-mcp", "1.2.0");
        Analysis a = analysed("acme/weather");

        assertEquals("weather-mcp", a.pkg().orElseThrow().name(), "the README's launch, confirmed on npm");
        assertTrue(a.notices().stream().anyMatch(n -> n.code().equals("model_unavailable")), a.notices().toString());
        assertTrue(a.deterministic());
    }

    @Test
    void aUsersOwnKeyIsUsedBeforeTheServers() {
        host.with("acme/mystery", Map.of("README.md", "nothing here"));
        var cipher = new FakeSecretCipher(FakeKeyRing.writable());
        stores.users().insert(new live.catwalk.core.account.domain.User(ADA.user(), "ada", Role.USER, clock.instant(),
                false));
        stores.settings().put(ADA.user(), live.catwalk.core.shared.domain.SettingName.OPENROUTER_API_KEY,
                cipher.seal(new SecretValue("or-ada"), new live.catwalk.core.credential.domain.SecretScope.OfSetting(
                        ADA.user(), live.catwalk.core.shared.domain.SettingName.OPENROUTER_API_KEY)), clock.instant());
        model.answer = () -> new ModelAnswer("m", Optional.of(false), Optional.empty(), List.of(), List.of());
        var service = new AnalyseRepositoryService(new AnalyseRepositoryService.Sources(host, JSON_STAND_IN, registry,
                mcpRegistry, model, stores.analyses()), stores.settings(), cipher, Runnable::run, new FakeRandomness(),
                clock, Optional.empty());
        started(service, "acme/mystery", false);
        assertEquals(Optional.of("or-ada"), model.lastKey.map(SecretValue::reveal));
        assertTrue(model.lastQuestion.gaps().contains(ModelQuestion.Gap.IS_MCP_SERVER));
    }

    /** A model with or without a server key, answering what the test says and recording what it was asked. */
    private static final class FakeModel implements ModelAdvisor {
        boolean key;
        Supplier<ModelAnswer> answer = () -> new ModelAnswer("m", Optional.empty(), Optional.empty(), List.of(),
                List.of());
        final AtomicInteger asked = new AtomicInteger();
        ModelQuestion lastQuestion;
        Optional<SecretValue> lastKey = Optional.empty();

        @Override
        public boolean hasServerKey() {
            return key;
        }

        @Override
        public Optional<ModelAnswer> ask(ModelQuestion question, Optional<SecretValue> usersKey) {
            if (!key && usersKey.isEmpty()) {
                return Optional.empty();
            }
            asked.incrementAndGet();
            lastQuestion = question;
            lastKey = usersKey;
            return Optional.of(answer.get());
        }
    }
}
