package live.catwalk.core.oauth.usecase;

import static live.catwalk.core.oauth.usecase.OAuthHarness.codeRequest;
import static live.catwalk.core.oauth.usecase.OAuthHarness.none;
import static live.catwalk.core.oauth.usecase.OAuthHarness.refreshRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.port.in.ExchangeToken;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.TelemetryEvent.OAuthConsent;
import live.catwalk.core.shared.domain.TelemetryEvent.OAuthToken;
import live.catwalk.core.shared.fakes.RecordingTelemetry;
import org.junit.jupiter.api.Test;

/** What the OAuth use cases report: each token request by grant type and outcome, each consent answered. */
class OAuthTelemetryTest {

    private final OAuthHarness h = new OAuthHarness();
    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private final ExchangeTokenService exchange = new ExchangeTokenService(h.oauth, () -> OAuthHarness.BASE,
            OAuthLifetimes.DEFAULT, h.randomness, h.clock, telemetry);

    @Test
    void everyTokenRequestIsReportedByGrantTypeAsIssuedOrByItsErrorCode() {
        User ann = h.user("ann");
        OAuthClient client = h.publicClient();
        var grant = h.grant(ann, client, h.deployment(ann, "weather"));
        String code = h.code(grant);

        var issued = h.issued(exchange.exchange(codeRequest(code, none(client))));
        exchange.exchange(refreshRequest(issued.refreshToken().orElseThrow(), none(client)));
        exchange.exchange(codeRequest(code, none(client)));
        exchange.exchange(new ExchangeToken.Command("password", null, null, null, null, null, null, none(client)));
        exchange.exchange(codeRequest(code, ClientCredentials.none("nobody")));

        assertEquals(List.of(new OAuthToken("authorization_code", "issued"),
                        new OAuthToken("refresh_token", "issued"),
                        new OAuthToken("authorization_code", "invalid_grant"),
                        new OAuthToken("other", "unsupported_grant_type"),
                        new OAuthToken("authorization_code", "invalid_client")),
                telemetry.events(OAuthToken.class), "the requested grant type is a label only when Catwalk knows it");
    }

    @Test
    void eachConsentAnsweredIsReportedAllowedOrDenied() {
        User ada = h.user("ada");
        Deployment weather = h.deployment(ada, "weather");
        OAuthClient client = h.publicClient();
        var authorize = new AuthorizeService(h.oauth, url -> {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "no documents here");
        }, h.stores.deployments(), h.randomness, h.clock, () -> OAuthHarness.BASE, OAuthLifetimes.DEFAULT, telemetry);
        Principal asAda = new Principal(ada.id(), Role.USER, new TokenId(UUID.randomUUID()));
        var request = new Authorize.Request("code", client.id().value(), OAuthHarness.REDIRECT, "st4te",
                Pkce.s256(OAuthHarness.VERIFIER), "S256", OAuthHarness.resource(weather), "mcp");

        authorize.review(asAda, request);
        authorize.decide(asAda, request, new Authorize.Answer(true, Optional.empty()));
        authorize.decide(asAda, request, new Authorize.Answer(false, Optional.empty()));

        assertEquals(List.of(new OAuthConsent(true), new OAuthConsent(false)), telemetry.events(),
                "a review is no answer");
    }
}
