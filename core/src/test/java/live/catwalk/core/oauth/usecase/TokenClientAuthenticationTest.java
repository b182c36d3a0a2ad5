package live.catwalk.core.oauth.usecase;

import static live.catwalk.core.oauth.usecase.OAuthHarness.codeRequest;
import static live.catwalk.core.oauth.usecase.OAuthHarness.none;
import static org.junit.jupiter.api.Assertions.assertEquals;

import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.TokenError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint's client authentication: none, client_secret_post or _basic, each by its registered method only. */
class TokenClientAuthenticationTest {

    private final OAuthHarness h = new OAuthHarness();
    private User ann;
    private Deployment weather;
    private Deployment other;
    private OAuthClient client;
    private Grant grant;

    @BeforeEach
    void setUp() {
        ann = h.user("ann");
        weather = h.deployment(ann, "weather");
        other = h.deployment(ann, "other");
        client = h.publicClient();
        grant = h.grant(ann, client, weather);
    }

    // --- client authentication

    @Test
    void refusesAnUnknownMissingOrMalformedClient() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.none("cwc_" + "q".repeat(40)))),
                TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.none(null))), TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.none("not a client id"))),
                TokenError.INVALID_CLIENT);
    }

    @Test
    void aFailedClientAuthenticationLeavesTheCodeUnused() {
        String code = h.code(grant);
        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.post(client.id().value(),
                h.remember(OAuthSecret.CLIENT_SECRET.mint("S".repeat(40)))))), TokenError.INVALID_CLIENT);

        h.issued(h.exchange.exchange(codeRequest(code, none(client))));
    }

    @Test
    void refusesAPublicClientPresentingASecret() {
        String secret = h.remember(OAuthSecret.CLIENT_SECRET.mint("P".repeat(40)));

        h.refused(h.exchange.exchange(codeRequest(h.code(grant), ClientCredentials.basic(client.id().value(),
                secret))), TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(h.code(grant), ClientCredentials.post(client.id().value(),
                secret))), TokenError.INVALID_CLIENT);
    }

    @Test
    void aSecretClientAuthenticatesWithItsSecretByItsRegisteredMethodOnly() {
        OAuthHarness.SecretClient basic = h.secretClient(ClientAuthMethod.CLIENT_SECRET_BASIC);
        Grant basicGrant = h.grant(ann, basic.client(), weather);

        h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant), basic.post())), TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant), none(basic.client()))),
                TokenError.INVALID_CLIENT);
        h.issued(h.exchange.exchange(codeRequest(h.code(basicGrant), basic.basic())));
    }

    @Test
    void aClientSecretPostClientSendsItsSecretInTheForm() {
        OAuthHarness.SecretClient post = h.secretClient(ClientAuthMethod.CLIENT_SECRET_POST);
        Grant postGrant = h.grant(ann, post.client(), weather);

        h.refused(h.exchange.exchange(codeRequest(h.code(postGrant), post.basic())), TokenError.INVALID_CLIENT);
        h.issued(h.exchange.exchange(codeRequest(h.code(postGrant), post.post())));
    }

    @Test
    void refusesAWrongSecretAndNeverRepeatsEitherSecret() {
        OAuthHarness.SecretClient basic = h.secretClient(ClientAuthMethod.CLIENT_SECRET_BASIC);
        Grant basicGrant = h.grant(ann, basic.client(), weather);
        String wrong = h.remember(basic.secret().substring(0, basic.secret().length() - 1) + "Q");

        String description = h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant),
                ClientCredentials.basic(basic.client().id().value(), wrong))), TokenError.INVALID_CLIENT);
        assertEquals(h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant),
                ClientCredentials.basic("cwc_" + "u".repeat(40), wrong))), TokenError.INVALID_CLIENT), description,
                "an unknown client and a wrong secret read alike");
    }

    @Test
    void aMetadataDocumentClientStoredByTheAuthorizationStepAuthenticatesWithItsIdAlone() {
        OAuthClient document = h.documentClient();
        Grant documentGrant = h.grant(ann, document, weather);

        h.issued(h.exchange.exchange(codeRequest(h.code(documentGrant), none(document))));
    }
}
