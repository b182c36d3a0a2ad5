package live.catwalk.adapters.rest.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GitHubSignInResourceTest {

    @Test
    void afterSignInABrowserGoesOnlyToAPathOnThisServer() {
        assertEquals("/deployments/dep_1?tab=logs", GitHubSignInResource.safePath("/deployments/dep_1?tab=logs"));
        assertEquals("/authorize?client_id=a&state=b", GitHubSignInResource.safePath("/authorize?client_id=a&state=b"));
        for (String elsewhere : new String[] {null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example",
            "evil", "/ok\r\nSet-Cookie: x=y", "/has space", "/" + "a".repeat(2000)}) {
            assertEquals("/", GitHubSignInResource.safePath(elsewhere), String.valueOf(elsewhere));
        }
    }
}
