package live.catwalk.core.account.usecase;

import java.time.Instant;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.credential.fakes.FakeKeyRing;
import live.catwalk.core.credential.fakes.FakeSecretCipher;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;

/** Every account use case over the fakes; a new one per test. */
final class AccountHarness {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final Stores stores = new InMemoryStore().stores();
    final FakeRandomness randomness = new FakeRandomness();
    final FakeSecretCipher cipher = new FakeSecretCipher(FakeKeyRing.writable());
    final StoreFixtures fixtures = new StoreFixtures();

    final AuthenticateService authenticate = new AuthenticateService(stores.tokens(), stores.users(), stores.audit(),
            clock);
    final IssueTokenService issue = new IssueTokenService(stores.tokens(), stores.audit(), randomness, clock);
    final ListTokensService list = new ListTokensService(stores.tokens());
    final RevokeTokenService revoke = new RevokeTokenService(stores.tokens(), stores.audit(), clock);
    final GetMeService me = new GetMeService(stores.users());
    final ReadSettingsService readSettings = new ReadSettingsService(stores.settings());
    final UpdateSettingsService updateSettings = new UpdateSettingsService(stores.settings(), cipher, stores.audit(),
            clock);
    final EnsureAdminService ensureAdmin = new EnsureAdminService(stores.users(), stores.tokens(), stores.audit(),
            randomness, clock);
    final CreateUserService createUser = new CreateUserService(stores.users(), stores.tokens(), stores.audit(),
            randomness, clock);

    /** A stored user and a first token of theirs, authenticated. */
    Principal signedIn(String name) {
        return signedIn(fixtures.user(name));
    }

    /** A stored admin and a first token of theirs, authenticated. */
    Principal signedInAdmin(String name) {
        return signedIn(fixtures.admin(name));
    }

    private Principal signedIn(User user) {
        stores.users().insert(user);
        IssuedToken bootstrap = issue.issue(new IssueToken.Command(
                new Principal(user.id(), user.role(), new TokenId(randomness.uuid())),
                "first"));
        return authenticate.authenticate(bootstrap.secret()).orElseThrow();
    }
}
