package live.catwalk.adapters.llm.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GithubPathsTest {

    @Test
    void acceptsGithubsOwnerAndNameForms() {
        for (String fullName : List.of("a/b", "modelcontextprotocol/servers", "Some-Org/repo.name_2",
                "a".repeat(39) + "/" + "x".repeat(100), "o/.github", "o/...")) {
            assertTrue(GithubPaths.isFullName(fullName), fullName);
        }
        for (String fullName : List.of("a", "/b", "a/", "a/b/c", "-a/b", "a-/b", "a--b/c", "a_b/c", "a.b/c",
                "a".repeat(40) + "/b", "a/" + "x".repeat(101), "a/.", "a/..", "a/b c", "a/b%2F")) {
            assertFalse(GithubPaths.isFullName(fullName), fullName);
        }
    }

    @Test
    void acceptsGitRefsAndShasRefusingWhatGitRefuses() {
        for (String ref : List.of("main", "release/1.x", "v1.2.3", "feature/über", "heads/main", "a-b_c",
                "b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5")) {
            assertTrue(GithubPaths.isRef(ref), ref);
        }
        for (String ref : List.of("", ".", "..", "a..b", ".hidden", "a/.b", "/a", "a/", "a//b", "a.", "a.lock",
                "a/b.lock/c", "@", "a@{1}", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "a\tb", "a\u007f",
                "x".repeat(256))) {
            assertFalse(GithubPaths.isRef(ref), ref);
        }
    }

    @Test
    void encodesARefAsOneSegment() {
        assertEquals("release%2F1.x", GithubPaths.ref("release/1.x"));
        assertEquals("%C3%BCber%2Bfix%23%25", GithubPaths.ref("über+fix#%"));
    }

    @Test
    void encodesAPathSegmentBySegment() {
        assertEquals("docs/a%20b/%C3%BC%3F%23%25.md", GithubPaths.path("docs/a b/ü?#%.md"));
        assertEquals(".github/workflows/ci.yml", GithubPaths.path(".github/workflows/ci.yml"));
    }

    @Test
    void refusesPathsThatAreNotARepositorysFile() {
        for (String path : List.of("", "/a", "a/", "a//b", ".", "./a", "..", "a/../b", "a/..", "a\u0000b",
                "a/".repeat(2_049) + "a")) {
            assertThrows(IllegalArgumentException.class, () -> GithubPaths.path(path), path);
        }
    }

    @Test
    void aShaIsFortyLowerCaseHexDigits() {
        assertEquals("b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
                GithubPaths.sha("b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5"));
        for (String sha : List.of("b2a3c4d", "B2A3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5",
                "g2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5", "b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5a")) {
            assertThrows(IllegalArgumentException.class, () -> GithubPaths.sha(sha), sha);
        }
    }
}
