package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.domain.Rotation;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code OAuthStore} does with authorization codes and tokens: single use, even in a race. */
public abstract class OAuthCodesAndTokensContract extends StoreContract {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private Grant grant;

    @BeforeEach
    protected final void givenAGrant() {
        User ann = givenUser("ann");
        grant = givenGrant(ann.id(), givenClient(), givenDeployment(ann.id(), "weather").id());
    }

    @Test
    void redeemsACodeOnceAndCallsTheNextRedemptionAReplay() {
        AuthorizationCode code = givenCode(fixtures.next().plus(TEN_MINUTES));
        Instant first = fixtures.next();

        assertEquals(new Redemption.Redeemed(code.usedAt(first)), stores.oauth().redeemCode(code.hash(), first));
        assertEquals(new Redemption.Replayed(code.usedAt(first)),
                stores.oauth().redeemCode(code.hash(), fixtures.next()));
    }

    @Test
    void redeemsACodeUpToTheMicrosecondBeforeItExpires() {
        Instant expiry = fixtures.next().plus(TEN_MINUTES);
        AuthorizationCode code = givenCode(expiry);
        Instant justBefore = expiry.minus(1, ChronoUnit.MICROS);

        assertEquals(new Redemption.Redeemed(code.usedAt(justBefore)),
                stores.oauth().redeemCode(code.hash(), justBefore));
    }

    @Test
    void refusesACodeAtItsExpiryAndLeavesItUnused() {
        Instant expiry = fixtures.next().plus(TEN_MINUTES);
        AuthorizationCode code = givenCode(expiry);

        assertEquals(new Redemption.Expired(code), stores.oauth().redeemCode(code.hash(), expiry));
        assertEquals(new Redemption.Expired(code), stores.oauth().redeemCode(code.hash(), expiry.plusSeconds(1)));
    }

    @Test
    void callsAReplayOfAnExpiredCodeAReplay() {
        Instant expiry = fixtures.next().plus(TEN_MINUTES);
        AuthorizationCode code = givenCode(expiry);
        Instant first = expiry.minusSeconds(1);
        stores.oauth().redeemCode(code.hash(), first);

        assertEquals(new Redemption.Replayed(code.usedAt(first)),
                stores.oauth().redeemCode(code.hash(), expiry.plus(TEN_MINUTES)));
    }

    @Test
    void findsNoCodeForAnUnknownHash() {
        givenCode(fixtures.next().plus(TEN_MINUTES));

        assertEquals(new Redemption.Unknown(), stores.oauth().redeemCode(TokenHash.of("never issued"),
                fixtures.next()));
    }

    @Test
    void refusesACodeOfAnUnknownGrantAsNotFoundAndATakenHashAsConflict() {
        AuthorizationCode code = givenCode(fixtures.next().plus(TEN_MINUTES));
        User bob = givenUser("bob");
        Grant unknown = fixtures.grant(bob.id(), givenClient().id(), givenDeployment(bob.id(), "b").id());
        AuthorizationCode orphan = fixtures.code(unknown, fixtures.next());
        AuthorizationCode sameHash = new AuthorizationCode(code.hash(), grant.id(), orphan.redirectUri(),
                orphan.codeChallenge(), orphan.resource(), orphan.scopes(), orphan.expiresAt(), Optional.empty());

        assertFailsWith(Kind.NOT_FOUND, () -> stores.oauth().insertCode(orphan));
        assertFailsWith(Kind.CONFLICT, () -> stores.oauth().insertCode(sameHash));

        assertEquals(new Redemption.Unknown(), stores.oauth().redeemCode(orphan.hash(), fixtures.next()));
    }

    @Test
    void letsExactlyOneOfManyRacingRedemptionsOfACodeSucceed() {
        AuthorizationCode code = givenCode(fixtures.next().plus(TEN_MINUTES));
        Instant now = fixtures.next();
        Map<Class<?>, Integer> outcomes = race(8, () -> stores.oauth().redeemCode(code.hash(), now));

        assertEquals(Map.of(Redemption.Redeemed.class, 1, Redemption.Replayed.class, 7), outcomes);
    }

    @Test
    void findsTokensWithEveryOptionalPresentOrAbsent() {
        AuthorizationCode code = givenCode(fixtures.next().plus(TEN_MINUTES));
        OAuthToken access = givenToken(fixtures.accessToken(grant));
        OAuthToken r = fixtures.refreshToken(grant, THIRTY_DAYS, Optional.of(code.hash()));
        OAuthToken full = r.usedAt(fixtures.next()).revokedAt(fixtures.next());
        stores.oauth().insertToken(full);

        assertEquals(Optional.of(access), stores.oauth().findToken(access.hash()));
        assertEquals(Optional.of(full), stores.oauth().findToken(full.hash()));
        assertEquals(Optional.empty(), stores.oauth().findToken(TokenHash.of("never issued")));
    }

    @Test
    void refusesATokenOfAnUnknownGrantAsNotFoundAndATakenHashAsConflict() {
        OAuthToken first = givenToken(fixtures.accessToken(grant));
        User bob = givenUser("bob");
        OAuthToken orphan = fixtures.accessToken(
                fixtures.grant(bob.id(), givenClient().id(), givenDeployment(bob.id(), "b").id()));
        OAuthToken sameHash = new OAuthToken(first.hash(), OAuthTokenKind.REFRESH, grant.id(), first.resource(),
                first.scopes(), first.issuedAt(), first.expiresAt().plus(THIRTY_DAYS), Optional.empty(),
                Optional.empty(), Optional.empty());

        assertFailsWith(Kind.NOT_FOUND, () -> stores.oauth().insertToken(orphan));
        assertFailsWith(Kind.CONFLICT, () -> stores.oauth().insertToken(sameHash));

        assertEquals(Optional.of(first), stores.oauth().findToken(first.hash()));
        assertEquals(Optional.empty(), stores.oauth().findToken(orphan.hash()));
    }

    @Test
    void rotatesARefreshTokenOnceAndCallsTheNextUseAReuse() {
        OAuthToken refresh = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));
        Instant first = fixtures.next();

        assertEquals(new Rotation.Rotated(refresh.usedAt(first)), stores.oauth().useRefreshToken(refresh.hash(), first));
        assertEquals(new Rotation.Reused(refresh.usedAt(first)),
                stores.oauth().useRefreshToken(refresh.hash(), fixtures.next()));
        assertEquals(Optional.of(refresh.usedAt(first)), stores.oauth().findToken(refresh.hash()));
    }

    @Test
    void rotatesARefreshTokenUpToTheMicrosecondBeforeItExpiresButNotAtIt() {
        OAuthToken early = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));
        OAuthToken late = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));
        Instant justBefore = early.expiresAt().minus(1, ChronoUnit.MICROS);

        assertEquals(new Rotation.Rotated(early.usedAt(justBefore)),
                stores.oauth().useRefreshToken(early.hash(), justBefore));
        assertEquals(new Rotation.Expired(late), stores.oauth().useRefreshToken(late.hash(), late.expiresAt()));
        assertEquals(Optional.of(late), stores.oauth().findToken(late.hash()));
    }

    @Test
    void callsARevokedRefreshTokenRevokedEvenWhenItWasAlsoUsedOrExpired() {
        OAuthToken refresh = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));
        stores.oauth().useRefreshToken(refresh.hash(), fixtures.next());
        stores.oauth().revokeGrant(grant.id(), fixtures.next());

        Rotation rotation = stores.oauth().useRefreshToken(refresh.hash(), refresh.expiresAt().plusSeconds(1));

        assertTrue(assertInstanceOf(Rotation.Revoked.class, rotation).token().usedAt().isPresent());
    }

    @Test
    void callsAReusedExpiredRefreshTokenReused() {
        OAuthToken refresh = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));
        Instant first = fixtures.next();
        stores.oauth().useRefreshToken(refresh.hash(), first);

        assertEquals(new Rotation.Reused(refresh.usedAt(first)),
                stores.oauth().useRefreshToken(refresh.hash(), refresh.expiresAt()));
    }

    @Test
    void knowsNoRefreshTokenByAnAccessTokensOrAnUnknownHash() {
        OAuthToken access = givenToken(fixtures.accessToken(grant));

        assertEquals(new Rotation.Unknown(), stores.oauth().useRefreshToken(access.hash(), fixtures.next()));
        assertEquals(new Rotation.Unknown(), stores.oauth().useRefreshToken(TokenHash.of("never"), fixtures.next()));
        assertEquals(Optional.of(access), stores.oauth().findToken(access.hash()));
    }

    @Test
    void letsExactlyOneOfManyRacingUsesOfARefreshTokenRotateIt() {
        OAuthToken refresh = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));
        Instant now = fixtures.next();
        Map<Class<?>, Integer> outcomes = race(8, () -> stores.oauth().useRefreshToken(refresh.hash(), now));

        assertEquals(Map.of(Rotation.Rotated.class, 1, Rotation.Reused.class, 7), outcomes);
    }

    @Test
    void leavesNoLiveTokenOfAGrantRevokedInARaceWithItsTokensInsertion() {
        List<OAuthToken> tokens = IntStream.range(0, 6).mapToObj(i -> fixtures.accessToken(grant)).toList();
        Instant at = fixtures.next();
        List<Runnable> racers = new ArrayList<>();
        racers.add(() -> stores.oauth().revokeGrant(grant.id(), at));
        tokens.forEach(t -> racers.add(() -> {
            try {
                stores.oauth().insertToken(t);
            } catch (CatwalkException e) {
                assertEquals(Kind.CONFLICT, e.kind());
            }
        }));

        assertTrue(Race.run(racers).stream().allMatch(Optional::isEmpty));

        for (OAuthToken token : tokens) {
            stores.oauth().findToken(token.hash()).ifPresent(stored -> assertEquals(Optional.of(at), stored.revokedAt()));
        }
    }

    @Test
    void revokesALiveTokenOnceKeepingTheFirstTime() {
        OAuthToken access = givenToken(fixtures.accessToken(grant));
        Instant first = fixtures.next();

        assertTrue(stores.oauth().revokeToken(access.hash(), first));
        assertFalse(stores.oauth().revokeToken(access.hash(), fixtures.next()));
        assertFalse(stores.oauth().revokeToken(TokenHash.of("never issued"), fixtures.next()));

        assertEquals(Optional.of(access.revokedAt(first)), stores.oauth().findToken(access.hash()));
        assertTrue(stores.oauth().findGrant(grant.id()).orElseThrow().isLive());
    }

    @Test
    void aReplayedCodeRevokesTheLiveTokensItProducedAndNoOthers() {
        AuthorizationCode code = givenCode(fixtures.next().plus(TEN_MINUTES));
        stores.oauth().redeemCode(code.hash(), fixtures.next());
        OAuthToken access = givenToken(fixtures.oauthToken(grant, OAuthTokenKind.ACCESS, Duration.ofHours(1),
                Optional.of(code.hash())));
        OAuthToken refresh = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.of(code.hash())));
        OAuthToken revokedBefore = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.of(code.hash())));
        Instant before = fixtures.next();
        stores.oauth().revokeToken(revokedBefore.hash(), before);
        OAuthToken unrelated = givenToken(fixtures.accessToken(grant));
        assertInstanceOf(Redemption.Replayed.class, stores.oauth().redeemCode(code.hash(), fixtures.next()));
        Instant at = fixtures.next();

        assertEquals(2, stores.oauth().revokeTokensFromCode(code.hash(), at));

        assertEquals(Optional.of(at), stores.oauth().findToken(access.hash()).orElseThrow().revokedAt());
        assertEquals(Optional.of(at), stores.oauth().findToken(refresh.hash()).orElseThrow().revokedAt());
        assertEquals(Optional.of(before), stores.oauth().findToken(revokedBefore.hash()).orElseThrow().revokedAt());
        assertEquals(Optional.of(unrelated), stores.oauth().findToken(unrelated.hash()));
        assertEquals(0, stores.oauth().revokeTokensFromCode(TokenHash.of("never issued"), at));
    }

    @Test
    void prunesCodesAndTokensThatExpiredBeforeTheCutoffWhateverTheirState() {
        Instant cutoff = fixtures.next().plus(TEN_MINUTES);
        AuthorizationCode expiredCode = givenCode(cutoff.minus(1, ChronoUnit.MICROS));
        AuthorizationCode usedCode = givenCode(cutoff.minusSeconds(60));
        stores.oauth().redeemCode(usedCode.hash(), fixtures.next());
        AuthorizationCode codeAtCutoff = givenCode(cutoff);
        OAuthToken expiredToken = givenToken(fixtures.oauthToken(grant, OAuthTokenKind.ACCESS, TEN_MINUTES.minusSeconds(60),
                Optional.empty()));
        OAuthToken liveToken = givenToken(fixtures.refreshToken(grant, THIRTY_DAYS, Optional.empty()));

        assertEquals(3, stores.oauth().pruneExpired(cutoff));

        assertEquals(new Redemption.Unknown(), stores.oauth().redeemCode(expiredCode.hash(), cutoff));
        assertEquals(new Redemption.Unknown(), stores.oauth().redeemCode(usedCode.hash(), cutoff));
        assertEquals(new Redemption.Expired(codeAtCutoff), stores.oauth().redeemCode(codeAtCutoff.hash(), cutoff));
        assertEquals(Optional.empty(), stores.oauth().findToken(expiredToken.hash()));
        assertEquals(Optional.of(liveToken), stores.oauth().findToken(liveToken.hash()));
    }

    private AuthorizationCode givenCode(Instant expiresAt) {
        AuthorizationCode code = fixtures.code(grant, expiresAt);
        stores.oauth().insertCode(code);
        return code;
    }

    private OAuthToken givenToken(OAuthToken token) {
        stores.oauth().insertToken(token);
        return token;
    }

    /** Runs {@code action} on {@code threads} racing threads; how many of each result type they got. */
    private static Map<Class<?>, Integer> race(int threads, Supplier<Object> action) {
        Map<Integer, Object> results = new ConcurrentHashMap<>();
        List<Runnable> racers = IntStream.range(0, threads)
                .<Runnable>mapToObj(i -> () -> results.put(i, action.get())).toList();

        List<Optional<Throwable>> failures = Race.run(racers);

        assertEquals(IntStream.range(0, threads).mapToObj(i -> Optional.<Throwable>empty()).toList(), failures);
        return results.values().stream().collect(Collectors.groupingBy(Object::getClass,
                Collectors.collectingAndThen(Collectors.counting(), Long::intValue)));
    }
}
