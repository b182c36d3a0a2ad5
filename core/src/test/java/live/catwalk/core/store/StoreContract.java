package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * The base of every store contract: an implementation gives {@link #freshStores()}, an empty store for each
 * test, and optionally {@link #afterEach()}; tests fill it from {@link StoreFixtures}.
 */
public abstract class StoreContract {

    protected Stores stores;
    protected StoreFixtures fixtures;

    /** All ports over one store holding nothing yet (truncated tables or a fresh schema will do). */
    protected abstract Stores freshStores();

    /** Runs after each test, e.g. to close a connection; does nothing unless overridden. */
    protected void afterEach() {
    }

    @BeforeEach
    protected final void openFreshStores() {
        stores = freshStores();
        fixtures = new StoreFixtures();
    }

    @AfterEach
    protected final void closeStores() {
        afterEach();
    }

    /** A user, stored. */
    protected final User givenUser(String name) {
        User user = fixtures.user(name);
        stores.users().insert(user);
        return user;
    }

    /** A deployment of {@code owner}, stored. */
    protected final Deployment givenDeployment(UserId owner, String name) {
        return stores.deployments().insert(fixtures.deployment(owner, name));
    }

    /** A live personal token of {@code owner}, stored. */
    protected final AccessToken givenToken(UserId owner) {
        AccessToken token = fixtures.token(owner);
        stores.tokens().insert(token);
        return token;
    }

    /** A live token of {@code owner}'s deployment, stored. */
    protected final AccessToken givenDeploymentToken(UserId owner, DeploymentId deployment) {
        AccessToken token = fixtures.deploymentToken(owner, deployment);
        stores.tokens().insert(token);
        return token;
    }

    /** A public client from dynamic registration, stored. */
    protected final OAuthClient givenClient() {
        OAuthClient client = fixtures.registeredClient();
        stores.oauth().saveClient(client);
        return client;
    }

    /** A live grant of {@code user} to {@code client} for {@code deployment}, stored. */
    protected final Grant givenGrant(UserId user, OAuthClient client, DeploymentId deployment) {
        Grant grant = fixtures.grant(user, client.id(), deployment);
        stores.oauth().insertGrant(grant);
        return grant;
    }

    /** Asserts that {@code action} throws a {@link CatwalkException} of {@code kind}. */
    protected static void assertFailsWith(Kind kind, Executable action) {
        assertEquals(kind, assertThrows(CatwalkException.class, action).kind());
    }
}
