package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import live.catwalk.core.analysis.domain.ReadmeFacts.Launch;
import org.junit.jupiter.api.Test;

/** How a README starts its server, from its code blocks, and which variables the usual way needs. */
class ReadmeFactsTest {

    private static final String CONFIGS = """
            # Weather MCP

            Add this to `claude_desktop_config.json`:

            ```json
            {
              "mcpServers": {
                "weather": {
                  "command": "npx",
                  "args": ["-y", "@acme/weather-mcp"],
                  "env": { "WEATHER_API_KEY": "<your key>" },
                }
              }
            }
            ```

            VS Code (`.vscode/mcp.json`):

            ```jsonc
            {
              // the server
              "servers": {
                "weather": { "type": "stdio", "command": "npx", "args": ["-y", "@acme/weather-mcp"],
                             "env": { "WEATHER_API_KEY": "${input:key}", "WEATHER_UNITS": "metric" } }
              }
            }
            ```

            Zed:

            ```json
            { "context_servers": { "weather": { "command": { "path": "npx", "args": ["-y", "@acme/weather-mcp"],
              "env": { "WEATHER_API_KEY": "k" } } } } }
            ```

            Or from a shell:

            ```bash
            $ WEATHER_API_KEY=abc WEATHER_REGION=eu npx -y @acme/weather-mcp --units metric
            npm run build
            export WEATHER_DEBUG=1
            ```
            """;

    private static List<Launch> launchesOf(ReadmeFacts facts, String command) {
        return facts.launches().stream().filter(l -> l.command().equals(command)).toList();
    }

    @Test
    void readsClientConfigsOfEveryShapeAndCommandLines() {
        ReadmeFacts facts = ReadmeFacts.of(CONFIGS);

        assertEquals(List.of(
                new Launch("npx", List.of("-y", "@acme/weather-mcp"), List.of("WEATHER_API_KEY")),
                new Launch("npx", List.of("-y", "@acme/weather-mcp"), List.of("WEATHER_API_KEY", "WEATHER_UNITS")),
                new Launch("npx", List.of("-y", "@acme/weather-mcp"), List.of("WEATHER_API_KEY")),
                new Launch("npx", List.of("-y", "@acme/weather-mcp", "--units", "metric"),
                        List.of("WEATHER_API_KEY", "WEATHER_REGION"))), facts.launches());
    }

    @Test
    void whatMostLaunchesSetIsRequiredTheRestIsNot() {
        List<EnvVar> env = ReadmeFacts.of(CONFIGS).env(l -> l.runs("@acme/weather-mcp"));

        assertEquals(List.of("WEATHER_API_KEY", "WEATHER_UNITS", "WEATHER_REGION", "WEATHER_DEBUG"),
                env.stream().map(EnvVar::name).toList());
        assertEquals(List.of(true, false, false, false), env.stream().map(EnvVar::required).toList());
        assertEquals(List.of(true, false, false, false), env.stream().map(EnvVar::secret).toList());
        assertTrue(env.stream().allMatch(v -> v.source() == Source.README));
    }

    @Test
    void pythonServersAndDotEnvBlocks() {
        ReadmeFacts facts = ReadmeFacts.of("""
                ```
                uvx acme-mcp
                ```
                Create a `.env`:
                ```
                ACME_TOKEN=xxx
                ```
                ```json
                {"mcpServers": {"acme": {"command": "uvx", "args": ["acme-mcp"], "env": {"ACME_TOKEN": "..."}}}}
                ```
                """);

        assertEquals(List.of(new Launch("uvx", List.of("acme-mcp"), List.of()),
                new Launch("uvx", List.of("acme-mcp"), List.of("ACME_TOKEN"))), launchesOf(facts, "uvx"));
        List<EnvVar> env = facts.env(l -> l.runs("acme-mcp"));
        assertEquals(List.of("ACME_TOKEN"), env.stream().map(EnvVar::name).toList());
        assertTrue(env.getFirst().required(), "the one launch that sets variables sets it");
    }

    @Test
    void proseUnclosedFencesAndBrokenJsonYieldNothingFalse() {
        ReadmeFacts facts = ReadmeFacts.of("""
                Run `npx -y not-in-a-block` to start.
                ```json
                { "mcpServers": { "x": { "command": "npx", "args": [ ... ] } } }
                ```
                ```
                make build
                ```
                ```
                npx -y never-closed
                """);

        assertEquals(List.of(), facts.launches(), "inline code, a JSON block with placeholders read as lines, "
                + "a build step and an unclosed block start nothing");
        assertEquals(List.of(), facts.env(l -> true));
    }

    @Test
    void inAMonorepoReadmeOnlyTheServersOwnLaunchesCount() {
        ReadmeFacts facts = ReadmeFacts.of("""
                ```json
                {"mcpServers": {
                  "github": {"command": "npx", "args": ["-y", "@acme/server-github"], "env": {"GITHUB_TOKEN": "x"}},
                  "files": {"command": "npx", "args": ["-y", "@acme/server-files@1.2.0", "/data"]}
                }}
                ```
                ```
                uvx --from=acme-files==2.0 acme-files
                ```
                """);

        assertEquals(List.of(), facts.env(l -> l.runs("@acme/server-files")));
        assertEquals(List.of("GITHUB_TOKEN"), facts.env(l -> l.runs("@acme/server-github")).stream()
                .map(EnvVar::name).toList());
        assertEquals(1, facts.launches().stream().filter(l -> l.runs("@acme/server-files")).count());
        assertTrue(launchesOf(facts, "uvx").getFirst().runs("acme-files"));
        assertTrue(facts.launches().stream().noneMatch(l -> l.runs("@acme/server")), "a prefix is not a package");
    }

    @Test
    void anAdversarialReadmeIsReadInBoundedTime() {
        String many = "```\n".repeat(100_000);
        ReadmeFacts facts = ReadmeFacts.of(many);

        assertEquals(List.of(), facts.launches());
    }

    @Test
    void variablesSetOneInEachLaunchAreAlternatives() {
        ReadmeFacts readme = ReadmeFacts.of("""
                ```json
                {"mcpServers": {"a": {"command": "npx", "args": ["-y", "pkg"], "env": {"TOKEN": "x", "REGION": "eu"}}}}
                ```
                ```json
                {"mcpServers": {"a": {"command": "npx", "args": ["-y", "pkg"], "env": {"HEADERS": "{}", "REGION": "eu"}}}}
                ```
                """);
        assertEquals(List.of("TOKEN", "HEADERS"), readme.alternatives(l -> l.runs("pkg")));
        ReadmeFacts together = ReadmeFacts.of("""
                ```json
                {"mcpServers": {"a": {"command": "npx", "args": ["-y", "pkg"], "env": {"TOKEN": "x", "HEADERS": "{}"}}}}
                ```
                ```json
                {"mcpServers": {"a": {"command": "npx", "args": ["-y", "pkg"], "env": {"TOKEN": "x"}}}}
                ```
                """);
        assertEquals(List.of(), together.alternatives(l -> l.runs("pkg")), "set together: not alternatives");
    }

    @Test
    void aLaunchThatSwitchesToHttpIsNotAStdioLaunch() {
        ReadmeFacts readme = ReadmeFacts.of("""
                ```bash
                TOKEN=x npx -y pkg
                AUTH_TOKEN=y npx -y pkg --transport http
                PORT=1 npx -y pkg --port=3000
                npx -y pkg --transport stdio
                ```
                """);
        assertEquals(List.of(true, false, false, true), readme.launches().stream().map(Launch::stdio).toList());
    }
}
