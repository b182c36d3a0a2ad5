package live.catwalk.core.oauth.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.port.in.ConnectedApps;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectedAppsServiceTest {

    private final StoreFixtures fx = new StoreFixtures();
    private final Stores stores = new InMemoryStore().stores();
    private final MutableClock clock = new MutableClock(StoreFixtures.START);
    private final ConnectedApps apps = new ConnectedAppsService(stores.oauth(), stores.deployments(), clock);
    private User ada;
    private Principal asAda;
    private Principal asBob;
    private Principal asAdmin;
    private Deployment weather;
    private OAuthClient claude;
    private Grant grant;

    @BeforeEach
    void setUp() {
        ada = fx.user("ada");
        User bob = fx.user("bob");
        User root = fx.admin("root");
        List.of(ada, bob, root).forEach(stores.users()::insert);
        asAda = new Principal(ada.id(), Role.USER, new TokenId(UUID.randomUUID()));
        asBob = new Principal(bob.id(), Role.USER, new TokenId(UUID.randomUUID()));
        asAdmin = new Principal(root.id(), Role.ADMIN, new TokenId(UUID.randomUUID()));
        weather = stores.deployments().insert(fx.deployment(ada.id(), "weather"));
        claude = fx.documentClient();
        stores.oauth().saveClient(claude);
        grant = fx.grant(ada.id(), claude.id(), weather.id());
        stores.oauth().insertGrant(grant);
    }

    @Test
    void theOwnerAndAnAdminSeeTheApplicationWithItsGrant() {
        List<ConnectedApps.App> listed = apps.list(asAda, weather.id());
        assertEquals(1, listed.size());
        ConnectedApps.App app = listed.getFirst();
        assertEquals(grant.id(), app.grant());
        assertEquals("Claude", app.name());
        assertEquals(claude.kind(), app.kind());
        assertEquals(grant.scopes(), app.scopes());
        assertEquals(grant.createdAt(), app.grantedAt());
        assertEquals(listed, apps.list(asAdmin, weather.id()));
    }

    @Test
    void someoneElsesDeploymentIsNotFound() {
        assertEquals(CatwalkException.Kind.NOT_FOUND, assertThrows(CatwalkException.class,
                () -> apps.list(asBob, weather.id())).kind());
        assertEquals(CatwalkException.Kind.NOT_FOUND, assertThrows(CatwalkException.class,
                () -> apps.revoke(asBob, weather.id(), grant.id())).kind());
        assertTrue(stores.oauth().findGrant(grant.id()).orElseThrow().isLive());
    }

    @Test
    void revokingEndsTheGrantOnceAndAnUnknownOrForeignGrantIsNotFound() {
        apps.revoke(asAda, weather.id(), grant.id());
        assertTrue(stores.oauth().findGrant(grant.id()).orElseThrow().revokedAt().isPresent());
        assertTrue(apps.list(asAda, weather.id()).isEmpty());
        assertThrows(CatwalkException.class, () -> apps.revoke(asAda, weather.id(), grant.id()), "revoked before");
        assertThrows(CatwalkException.class, () -> apps.revoke(asAda, weather.id(), new GrantId(UUID.randomUUID())));

        Deployment other = stores.deployments().insert(fx.deployment(ada.id(), "other"));
        Grant elsewhere = fx.grant(ada.id(), claude.id(), other.id());
        stores.oauth().insertGrant(elsewhere);
        assertThrows(CatwalkException.class, () -> apps.revoke(asAda, weather.id(), elsewhere.id()),
                "a grant of another deployment");
        assertTrue(stores.oauth().findGrant(elsewhere.id()).orElseThrow().isLive());
    }
}
