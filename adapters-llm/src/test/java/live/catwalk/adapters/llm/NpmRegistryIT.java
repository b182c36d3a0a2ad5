package live.catwalk.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;
import live.catwalk.core.deployment.port.out.PackageRegistry.Lookup;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NpmRegistryIT {

    @RegisterExtension
    static final WireMockExtension NPM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Abbreviated metadata as registry.npmjs.org serves it, cut down to two versions. */
    private static final String EVERYTHING = """
            {"name":"@modelcontextprotocol/server-everything","modified":"2026-08-31T00:00:00.000Z",
             "dist-tags":{"latest":"2026.8.31","next":"2026.9.0-rc.1"},
             "versions":{
               "2026.1.26":{"name":"@modelcontextprotocol/server-everything","version":"2026.1.26",
                            "dependencies":{"zod":"^3.25.0"},"dist":{"tarball":"https://x/a.tgz","shasum":"ab"}},
               "2026.8.31":{"name":"@modelcontextprotocol/server-everything","version":"2026.8.31",
                            "bin":{"mcp-server-everything":"dist/index.js"},"dist":{"tarball":"https://x/b.tgz"}},
               "2026.9.0-rc.1":{"name":"@modelcontextprotocol/server-everything","version":"2026.9.0-rc.1"}}}
            """;

    private PackageRegistries registries;

    @BeforeEach
    void stubTheRegistry() {
        registries = PackageRegistries.builder(CLIENT).npmBaseUri(URI.create(NPM.baseUrl())).build();
        NPM.stubFor(get(urlEqualTo("/@modelcontextprotocol%2Fserver-everything")).willReturn(okJson(EVERYTHING)));
        NPM.stubFor(get(urlEqualTo("/left-pad-nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Not found\"}")));
    }

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @Test
    void noVersionResolvesToTheLatestDistTag() {
        assertEquals(new Lookup.Found("2026.8.31"), lookup("@modelcontextprotocol/server-everything", null));
    }

    @Test
    void anExactVersionThatExistsIsFound() {
        assertEquals(new Lookup.Found("2026.1.26"), lookup("@modelcontextprotocol/server-everything", "2026.1.26"));
    }

    @Test
    void aDistTagResolvesToTheVersionItPointsAt() {
        assertEquals(new Lookup.Found("2026.9.0-rc.1"), lookup("@modelcontextprotocol/server-everything", "next"));
    }

    @Test
    void aVersionOrTagTheRegistryLacksIsNoSuchVersionWithTheLatest() {
        assertEquals(new Lookup.NoSuchVersion("2026.8.31"), lookup("@modelcontextprotocol/server-everything", "1.0.0"));
        assertEquals(new Lookup.NoSuchVersion("2026.8.31"), lookup("@modelcontextprotocol/server-everything", "beta"));
    }

    @Test
    void a404IsNoSuchPackage() {
        assertEquals(new Lookup.NoSuchPackage(), lookup("left-pad-nope", "1.0.0"));
    }

    @Test
    void anUnpublishedPackageWithoutTagsIsNoSuchPackage() {
        NPM.stubFor(get(urlEqualTo("/gone")).willReturn(okJson(
                "{\"name\":\"gone\",\"time\":{\"unpublished\":{\"time\":\"2026-01-01T00:00:00.000Z\"}}}")));

        assertEquals(new Lookup.NoSuchPackage(), lookup("gone", null));
    }

    @Test
    void asksForTheScopedNameWithItsSlashEncodedAndForAbbreviatedMetadata() {
        lookup("@modelcontextprotocol/server-everything", null);

        NPM.verify(1, getRequestedFor(urlEqualTo("/@modelcontextprotocol%2Fserver-everything"))
                .withHeader("Accept", containing("application/vnd.npm.install-v1+json")));
    }

    private Lookup lookup(String name, String version) {
        return registries.lookup(new PackageRef(Registry.NPM, name, Optional.ofNullable(version)));
    }
}
