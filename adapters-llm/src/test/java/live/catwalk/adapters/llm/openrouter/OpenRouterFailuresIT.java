package live.catwalk.adapters.llm.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static live.catwalk.adapters.llm.openrouter.OpenRouterAdvisorIT.COMPLETIONS;
import static live.catwalk.adapters.llm.openrouter.OpenRouterAdvisorIT.QUESTION;
import static live.catwalk.adapters.llm.openrouter.OpenRouterAdvisorIT.SERVER_KEY;
import static live.catwalk.adapters.llm.openrouter.OpenRouterAdvisorIT.USERS_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How OpenRouter failing becomes model_unavailable: once, with a hint that helps, never with the key. */
class OpenRouterFailuresIT {

    @RegisterExtension
    static final WireMockExtension OPENROUTER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            401 | OpenRouter refused the key (HTTP 401)                  | check OPENROUTER_API_KEY
            403 | OpenRouter refused the key or the request (HTTP 403)   | moderation
            402 | OpenRouter says the key is out of credits (HTTP 402)   | add credits to the OpenRouter account of OPENROUTER_API_KEY, or add your own
            429 | OpenRouter is rate limiting the key (HTTP 429)         | wait a minute, then try again, or add your own OpenRouter key
            400 | OpenRouter refused the request (HTTP 400)              | CATWALK_OPENROUTER_MODEL names a model
            404 | OpenRouter refused the request (HTTP 404)              | (now openai/gpt-4.1-mini)
            408 | OpenRouter timed out (HTTP 408)                        | CATWALK_OPENROUTER_URL
            500 | OpenRouter failed (HTTP 500)                           | try again later, or choose another model
            502 | OpenRouter failed (HTTP 502)                           | CATWALK_OPENROUTER_MODEL
            503 | OpenRouter failed (HTTP 503)                           | /api/v1/chat/completions (set by CATWALK_OPENROUTER_URL)
            """)
    void anHttpErrorIsModelUnavailableAtOnceWithAHintAndWithoutTheKey(int status, String message, String hint) {
        answer(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"echo " + SERVER_KEY.reveal() + "\"}}"));

        CatwalkException e = unavailable(advisor());
        assertEquals(message, e.getMessage());
        assertTrue(e.hint().orElseThrow().contains(hint), e.hint().get());
        assertFalse((e.getMessage() + e.hint().get()).contains(SERVER_KEY.reveal()));
        OPENROUTER.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void aRefusedPersonsKeyPointsAtTheirSettings() {
        answer(aResponse().withStatus(401));

        CatwalkException e = assertThrows(CatwalkException.class, () -> advisor().build().ask(QUESTION,
                Optional.of(USERS_KEY)));
        assertEquals("check the OpenRouter key in your settings", e.hint().orElseThrow());
    }

    @Test
    void rateLimitingSaysWhenToTryAgain() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "30"));
        assertTrue(unavailable(advisor()).hint().orElseThrow().startsWith("wait 30 seconds, then try again"));

        answer(aResponse().withStatus(429).withHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"));
        assertTrue(unavailable(advisor()).hint().orElseThrow()
                .startsWith("try again after Wed, 21 Oct 2026 07:28:00 GMT"));

        answer(aResponse().withStatus(429).withHeader("Retry-After", "in a while"));
        assertTrue(unavailable(advisor()).hint().orElseThrow().startsWith("wait a minute, then try again"));
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsModelUnavailableNamingTheUrlAndTheSetting() {
        answer(okJson(OpenRouterAdvisorIT.completion(OpenRouterAdvisorIT.VALID)).withFixedDelay(2_000));

        CatwalkException e = unavailable(advisor().timeout(Duration.ofMillis(200)));
        assertEquals("OpenRouter did not answer within 200 ms", e.getMessage());
        assertEquals("Catwalk asked " + OPENROUTER.baseUrl() + COMPLETIONS + "; check that this machine can reach "
                + "it, or set CATWALK_OPENROUTER_URL to an OpenRouter API it can reach", e.hint().orElseThrow());
        OPENROUTER.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void aRefusedConnectionIsModelUnavailableWithoutTheBaseUrlsCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenRouterAdvisor.Builder advisor = OpenRouterAdvisor.builder(CLIENT).serverKey(SERVER_KEY)
                .baseUri(URI.create("http://proxy-user:s3cret@127.0.0.1:" + closedPort + "/openrouter"));

        CatwalkException e = unavailable(advisor);
        assertEquals("OpenRouter could not be reached", e.getMessage());
        assertEquals("Catwalk asked http://127.0.0.1:" + closedPort + "/openrouter/chat/completions; check that this "
                + "machine can reach it, or set CATWALK_OPENROUTER_URL to an OpenRouter API it can reach",
                e.hint().orElseThrow());
    }

    @Test
    void aKeyThatCannotBeAHeaderFailsBeforeAnyRequestWithoutShowingIt() {
        answer(okJson(OpenRouterAdvisorIT.completion(OpenRouterAdvisorIT.VALID)));
        SecretValue broken = new SecretValue("sk-or-v1-abc\r\nX-Injected: yes");

        CatwalkException e = assertThrows(CatwalkException.class, () -> advisor().build().ask(QUESTION,
                Optional.of(broken)));
        assertEquals("model_unavailable", e.code());
        assertEquals("check the OpenRouter key in your settings", e.hint().orElseThrow());
        assertFalse(e.getMessage().contains("sk-or-v1-abc"), e.getMessage());
        OPENROUTER.verify(0, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void aKeyReadWithATrailingNewlineStillWorks() {
        answer(okJson(OpenRouterAdvisorIT.completion(OpenRouterAdvisorIT.VALID)));

        advisor().build().ask(QUESTION, Optional.of(new SecretValue(USERS_KEY.reveal() + "\n")));

        OPENROUTER.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)).withHeader("Authorization",
                equalTo("Bearer " + USERS_KEY.reveal())));
    }

    private static void answer(ResponseDefinitionBuilder response) {
        OPENROUTER.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(response));
    }

    private static OpenRouterAdvisor.Builder advisor() {
        return OpenRouterAdvisor.builder(CLIENT).baseUri(URI.create(OPENROUTER.baseUrl() + "/api/v1/"))
                .serverKey(SERVER_KEY);
    }

    /** Asserts the question fails as model_unavailable (UPSTREAM_UNAVAILABLE) and returns the exception. */
    private static CatwalkException unavailable(OpenRouterAdvisor.Builder advisor) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> advisor.build().ask(QUESTION,
                Optional.empty()));
        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("model_unavailable", e.code());
        return e;
    }
}
