package live.catwalk.adapters.llm.cimd;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client metadata documents fetched from a WireMock host on loopback (admitted only by the tests' allowance): what a
 * valid document gives, what makes one unusable, the guard against private addresses and redirects, and the cache.
 */
class ClientMetadataFetcherIT {

    @RegisterExtension
    static final WireMockExtension HOST = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    private ClientMetadataFetcher loopbackAllowed() {
        return new ClientMetadataFetcher(CLIENT, clock, host -> List.of(InetAddress.getByName(host)), true);
    }

    private static URI url(String path) {
        return URI.create(HOST.baseUrl() + path);
    }

    private static String document(URI id, String extra) {
        return """
                {"client_id": "%s", "client_name": "Claude", "client_uri": "https://claude.ai",
                 "redirect_uris": ["https://claude.ai/api/mcp/auth_callback", "http://localhost/callback"],
                 "grant_types": ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
                 "token_endpoint_auth_method": "none"%s}""".formatted(id, extra);
    }

    private static void serve(String path, String body, String cacheControl) {
        var answer = aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        if (cacheControl != null) {
            answer.withHeader("Cache-Control", cacheControl);
        }
        HOST.stubFor(get(urlEqualTo(path)).willReturn(answer));
    }

    private static CatwalkException refused(ClientMetadataFetcher fetcher, URI id, String code) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> fetcher.fetch(id));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void aValidDocumentGivesTheClientsNameAndRedirectUrisAndIgnoresGrantTypesCatwalkDoesNotUse() {
        URI id = url("/oauth/client.json");
        serve("/oauth/client.json", document(id, ""), null);

        ClientMetadataDocument doc = loopbackAllowed().fetch(id);

        assertEquals(id, doc.clientId());
        assertEquals("Claude", doc.clientName());
        assertEquals(List.of(URI.create("https://claude.ai/api/mcp/auth_callback"), URI.create("http://localhost/callback")),
                doc.redirectUris());
        assertEquals(URI.create("https://claude.ai"), doc.clientUri().orElseThrow());
    }

    @Test
    void aDocumentThatIsNotExactlyAValidPublicClientsIsRefused() {
        ClientMetadataFetcher fetcher = loopbackAllowed();
        URI other = url("/other.json");
        serve("/other.json", document(url("/elsewhere.json"), ""), null);
        assertTrue(refused(fetcher, other, "invalid_client_metadata").getMessage().contains("client_id"));
        URI secret = url("/secret.json");
        serve("/secret.json", document(secret, ", \"client_secret\": \"s3cret\""), null);
        assertFalse(refused(fetcher, secret, "invalid_client_metadata").getMessage().contains("s3cret"));
        URI noRedirects = url("/none.json");
        serve("/none.json", "{\"client_id\": \"" + noRedirects + "\", \"client_name\": \"x\"}", null);
        refused(fetcher, noRedirects, "invalid_client_metadata");
        URI plainHttp = url("/http.json");
        serve("/http.json", document(plainHttp, "").replace("https://claude.ai/api", "http://claude.ai/api"), null);
        refused(fetcher, plainHttp, "invalid_client_metadata");
        URI html = url("/page.html");
        HOST.stubFor(get(urlEqualTo("/page.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody(document(html, ""))));
        refused(fetcher, html, "invalid_client_metadata");
        URI big = url("/big.json");
        serve("/big.json", document(big, ", \"padding\": \"" + "x".repeat(ClientMetadataFetcher.MAX_BYTES) + "\""), null);
        assertTrue(refused(fetcher, big, "invalid_client_metadata").getMessage().contains("larger than"));
        URI notJson = url("/broken.json");
        serve("/broken.json", "{\"client_id\": ", null);
        refused(fetcher, notJson, "invalid_client_metadata");
    }

    @Test
    void aRedirectIsNotFollowedAndAFailingHostIsUnavailable() {
        ClientMetadataFetcher fetcher = loopbackAllowed();
        URI moved = url("/moved.json");
        HOST.stubFor(get(urlEqualTo("/moved.json")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", HOST.baseUrl() + "/target.json")));
        serve("/target.json", document(moved, ""), null);
        assertTrue(refused(fetcher, moved, "invalid_client_metadata").getMessage().contains("redirects"));
        HOST.verify(0, getRequestedFor(urlEqualTo("/target.json")));

        URI down = url("/down.json");
        HOST.stubFor(get(urlEqualTo("/down.json")).willReturn(aResponse().withStatus(503)));
        refused(fetcher, down, "client_metadata_unavailable");
        URI slow = url("/slow.json");
        HOST.stubFor(get(urlEqualTo("/slow.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(document(slow, ""))
                .withFixedDelay((int) ClientMetadataFetcher.TIMEOUT.toMillis() + 2000)));
        long started = System.nanoTime();
        refused(fetcher, slow, "client_metadata_unavailable");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(ClientMetadataFetcher.TIMEOUT.plusSeconds(2)) < 0);
    }

    @Test
    void privateAddressesAreRefusedBeforeAnyConnection() {
        ClientMetadataFetcher production = new ClientMetadataFetcher(CLIENT, clock,
                host -> List.of(InetAddress.getByName(host)), false);
        URI id = url("/client.json");
        serve("/client.json", document(id, ""), null);
        refused(production, id, "invalid_client_metadata");
        refused(production, URI.create("https://127.0.0.1:" + HOST.getPort() + "/client.json"),
                "invalid_client_metadata");
        HOST.verify(0, getRequestedFor(urlEqualTo("/client.json")));

        for (String address : List.of("169.254.169.254", "10.0.0.7", "192.168.0.1", "::1", "fd00::1", "100.64.1.1")) {
            ClientMetadataFetcher resolvesPrivately = new ClientMetadataFetcher(CLIENT, clock,
                    host -> List.of(InetAddress.getByName(address)), false);
            CatwalkException e = refused(resolvesPrivately, URI.create("https://rebound.example/client.json"),
                    "invalid_client_metadata");
            assertTrue(e.getMessage().contains("not a public internet address"), address + ": " + e.getMessage());
        }
        ClientMetadataFetcher mixed = new ClientMetadataFetcher(CLIENT, clock, host -> List.of(
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")), false);
        refused(mixed, URI.create("https://mixed.example/client.json"), "invalid_client_metadata");
        ClientMetadataFetcher unresolved = new ClientMetadataFetcher(CLIENT, clock, host -> {
            throw new UnknownHostException(host);
        }, false);
        refused(unresolved, URI.create("https://nowhere.example/client.json"), "client_metadata_unavailable");
        // The tests' allowance admits loopback only, never another private address.
        ClientMetadataFetcher allowance = new ClientMetadataFetcher(CLIENT, clock,
                host -> List.of(InetAddress.getByName("10.0.0.7")), true);
        refused(allowance, URI.create("http://localhost:1/client.json"), "invalid_client_metadata");
    }

    @Test
    void aDocumentIsCachedForItsMaxAgeWithinBoundsAndServedStaleWhileItsHostIsDown() {
        ClientMetadataFetcher fetcher = loopbackAllowed();
        URI id = url("/cached.json");
        serve("/cached.json", document(id, ""), "public, max-age=3600");
        fetcher.fetch(id);
        now.set(T0.plus(Duration.ofMinutes(59)));
        fetcher.fetch(id);
        HOST.verify(1, getRequestedFor(urlEqualTo("/cached.json")));

        now.set(T0.plus(Duration.ofMinutes(61)));
        fetcher.fetch(id);
        HOST.verify(2, getRequestedFor(urlEqualTo("/cached.json")));

        HOST.stubFor(get(urlEqualTo("/cached.json")).willReturn(aResponse().withStatus(503)));
        now.set(T0.plus(Duration.ofHours(3)));
        assertEquals("Claude", fetcher.fetch(id).clientName(), "stale while the host is down");
        now.set(T0.plus(Duration.ofHours(27)));
        refused(fetcher, id, "client_metadata_unavailable");
        assertFalse(fetcher.cached(id), "a failure is not cached");
    }

    @Test
    void anInvalidDocumentIsNotCachedNorServedStale() {
        ClientMetadataFetcher fetcher = loopbackAllowed();
        URI id = url("/changing.json");
        serve("/changing.json", document(id, ""), null);
        fetcher.fetch(id);
        now.set(T0.plus(ClientMetadataFetcher.MIN_FRESH).plusSeconds(1));
        serve("/changing.json", document(id, ", \"client_secret\": \"x\""), null);
        refused(fetcher, id, "invalid_client_metadata");
        assertFalse(fetcher.cached(id));
    }

    @Test
    void freshnessFollowsMaxAgeWithinFiveMinutesAndADay() {
        assertEquals(ClientMetadataFetcher.MIN_FRESH, ClientMetadataFetcher.freshFor(List.of()));
        assertEquals(ClientMetadataFetcher.MIN_FRESH, ClientMetadataFetcher.freshFor(List.of("max-age=10")));
        assertEquals(Duration.ofHours(2), ClientMetadataFetcher.freshFor(List.of("public, max-age=7200")));
        assertEquals(ClientMetadataFetcher.MAX_FRESH, ClientMetadataFetcher.freshFor(List.of("max-age=99999999")));
        assertEquals(ClientMetadataFetcher.MIN_FRESH, ClientMetadataFetcher.freshFor(List.of("no-store")));
    }
}
