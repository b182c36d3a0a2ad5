package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a person may paste as the repository to analyse, and what is refused before any request is made. */
class GithubRepoTest {

    private static GithubRepo repo(String input) {
        return assertInstanceOf(GithubRepo.Parsed.Repo.class, GithubRepo.parse(input), input).repo();
    }

    private static String refusal(String input) {
        return assertInstanceOf(GithubRepo.Parsed.Refused.class, GithubRepo.parse(input), input).problem();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "owner/name                                                      | github.com/owner/name",
        "  Owner-1/Name.js                                               | github.com/owner-1/name.js",
        "github.com/jerhadf/linear-mcp-server                            | github.com/jerhadf/linear-mcp-server",
        "https://github.com/makenotion/notion-mcp-server                 | github.com/makenotion/notion-mcp-server",
        "HTTPS://GitHub.com/Makenotion/Notion-MCP-Server/                | github.com/makenotion/notion-mcp-server",
        "https://github.com/firecrawl/firecrawl-mcp-server.git           | github.com/firecrawl/firecrawl-mcp-server",
        "https://github.com/elevenlabs/elevenlabs-mcp?tab=readme-ov-file | github.com/elevenlabs/elevenlabs-mcp",
        "https://github.com/elevenlabs/elevenlabs-mcp#quickstart         | github.com/elevenlabs/elevenlabs-mcp",
        "https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem "
            + "| github.com/modelcontextprotocol/servers/tree/main/src/filesystem",
        "github.com/o/r/tree/v1.2.0                                      | github.com/o/r/tree/v1.2.0",
        "owner/.github                                                   | github.com/owner/.github",
    })
    void readsTheThreeFormsToOneKey(String input, String key) {
        assertEquals(key, repo(input).key());
    }

    @Test
    void aFolderLinkKeepsItsRefAndPathAsWritten() {
        GithubRepo repo = repo("https://github.com/ModelContextProtocol/servers/tree/Main/src/FileSystem/");

        assertEquals("ModelContextProtocol/servers", repo.fullName());
        assertEquals(Optional.of("Main"), repo.ref());
        assertEquals(Optional.of("src/FileSystem"), repo.subdir());
        assertEquals("https://github.com/ModelContextProtocol/servers/tree/Main/src/FileSystem", repo.htmlUrl());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "http://169.254.169.254/",
        "http://169.254.169.254/latest/meta-data",
        "file:///etc/passwd",
        "gitlab.com/x/y",
        "https://gitlab.com/x/y",
        "https://github.com@evil.com/x/y",
        "https://evil.com@github.com/x/y",
        "https://github.com:443/x/y",
        "https://github.com.evil.com/x/y",
        "http://github.com/x/y",
        "//github.com/x/y",
        "www.github.com/x/y",
        "owner/name/../../x",
        "https://github.com/owner/name/tree/main/../../../x",
        "https://github.com/owner/name/tree/main/./x",
        "owner//name",
        "owner/name/extra",
        "owner",
        "https://github.com/",
        "https://github.com/owner",
        "https://github.com/owner/name/blob/main/README.md",
        "https://github.com/owner/name/tree",
        "https://github.com/owner/na%2Fme",
        "owner\\name",
        "user@host:owner/name",
        "git@github.com:owner/name.git",
        "-owner/name",
        "own--er/name",
        "owner/..",
        "owner/na me",
        "owner/na\nme",
        "ownér/name",
        "https://github.com/owner/name/tree/-upload-pack/x",
        "https://github.com/owner/name/tree/a..b/x",
        "https://github.com/owner/name/tree/main.lock",
        "",
        "   ",
    })
    void refusesEverythingElseSayingWhat(String input) {
        String problem = refusal(input);
        assertTrue(!problem.isBlank() && !problem.contains("evil"), problem);
    }

    @Test
    void aVeryLongInputIsRefusedBeforeItIsRead() {
        assertTrue(refusal("a".repeat(10_000) + "/name").startsWith("is longer than 500 characters"));
        assertTrue(refusal(null).startsWith("is empty"));
    }

    @Test
    void theRefusalsNameTheFix() {
        assertTrue(refusal("gitlab.com/x/y").startsWith("names a host other than github.com"));
        assertTrue(refusal("https://github.com/o/n/blob/main/x").contains("/tree/<branch>/<folder>"));
        assertTrue(refusal("o/n/tree/main/x").contains("https://github.com/owner/name/tree/<branch>/<folder>"));
    }

    @Test
    void thePartsAreCheckedWhenBuiltDirectlyToo() {
        assertThrows(IllegalArgumentException.class, () -> new GithubRepo("o", "n/../x", Optional.empty(),
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new GithubRepo("o", "n", Optional.of("main"),
                Optional.of("../x")));
        assertThrows(IllegalArgumentException.class, () -> new GithubRepo("o", "n", Optional.empty(),
                Optional.of("src")));
    }
}
