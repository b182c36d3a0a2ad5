package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.analysis.domain.EnvReads.Read;
import org.junit.jupiter.api.Test;

/** The variables a server's code obviously reads, with a literal default and whether it cannot run without one. */
class EnvReadsTest {

    private static Read optional(String name) {
        return new Read(name, false, Optional.empty());
    }

    @Test
    void javaScriptReadsInTheOrderTheyAppear() {
        String source = """
                const apiKey = process.env.FIRECRAWL_API_KEY;
                const url = process.env["FIRECRAWL_API_URL"] || "https://api.firecrawl.dev";
                const retries = Number(process.env.FIRECRAWL_RETRY_MAX_ATTEMPTS ?? '3');
                if (process.env?.DEBUG) { log(process.env.FIRECRAWL_API_KEY); }
                const { LINEAR_API_KEY, LOG_LEVEL = "info", port: PORT } = process.env;
                """;

        assertEquals(List.of(
                optional("FIRECRAWL_API_KEY"),
                new Read("FIRECRAWL_API_URL", false, Optional.of("https://api.firecrawl.dev")),
                new Read("FIRECRAWL_RETRY_MAX_ATTEMPTS", false, Optional.of("3")),
                optional("DEBUG"),
                optional("LINEAR_API_KEY"),
                new Read("LOG_LEVEL", false, Optional.of("info")),
                optional("port")), EnvReads.in(source));
    }

    @Test
    void pythonSubscriptsAreRequiredAndGetsMayCarryADefault() {
        String source = """
                import os
                from os import environ, getenv
                api_key = os.getenv("ELEVENLABS_API_KEY")
                base = os.environ.get('ELEVENLABS_MCP_BASE_PATH', "~/Desktop")
                output = getenv("ELEVENLABS_MCP_OUTPUT_MODE", 'files')
                token = os.environ["NOTION_TOKEN"]
                again = os.environ.get("NOTION_TOKEN")
                """;

        assertEquals(List.of(
                optional("ELEVENLABS_API_KEY"),
                new Read("ELEVENLABS_MCP_BASE_PATH", false, Optional.of("~/Desktop")),
                new Read("ELEVENLABS_MCP_OUTPUT_MODE", false, Optional.of("files")),
                new Read("NOTION_TOKEN", true, Optional.empty())), EnvReads.in(source));
    }

    @Test
    void lookAlikesAreNotReads() {
        String source = """
                // mentions of env in prose: set API_KEY in your environment
                const env = loadConfig(); env.API_KEY; myprocess.env.NOT_THIS;
                config["os.environ"] = 1; process.environment.ALSO_NOT;
                os.environ[key]; os.getenv(name)
                """;

        assertEquals(List.of(), EnvReads.in(source));
    }

    @Test
    void theTextAndTheResultAreBounded() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            many.append("process.env.VAR_").append(i).append(";\n");
        }
        assertEquals(EnvReads.MAX_VARIABLES, EnvReads.in(many.toString()).size());

        String late = "x".repeat(EnvReads.MAX_TEXT) + " process.env.TOO_LATE";
        assertTrue(EnvReads.in(late).isEmpty(), "past the bound nothing is read");
    }
}
