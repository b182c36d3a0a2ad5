package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import live.catwalk.core.account.domain.BrowserSession;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.BrowserSessions.SignedIn;
import live.catwalk.core.account.port.in.IssueToken;
import org.junit.jupiter.api.Test;

class BrowserSessionsServiceTest {

    private final AccountHarness h = new AccountHarness();
    private final BrowserSessionsService sessions = new BrowserSessionsService(h.authenticate, h.stores.tokens(),
            h.stores.users(), h.randomness, h.clock);

    private String token(Principal who) {
        IssuedToken issued = h.issue.issue(new IssueToken.Command(who, "browser"));
        return issued.secret();
    }

    @Test
    void aPersonalTokenOpensASessionThatAuthenticatesAsItsOwner() {
        Principal ada = h.signedIn("ada");
        SignedIn signedIn = sessions.signIn(token(ada)).orElseThrow();
        assertTrue(signedIn.secret().startsWith("cws_"));
        assertEquals(BrowserSession.csrfFor(signedIn.secret()), signedIn.csrfToken());
        assertNotEquals(signedIn.secret(), signedIn.csrfToken());
        assertFalse(signedIn.toString().contains(signedIn.secret()), "the secret is never printed");
        Principal caller = sessions.authenticate(signedIn.secret()).orElseThrow();
        assertEquals(ada.user(), caller.user());
        assertTrue(sessions.signIn("cwk_wrong").isEmpty());
        assertTrue(sessions.authenticate("cws_unknown").isEmpty());
        assertTrue(sessions.authenticate(token(ada)).isEmpty(), "a personal token is not a session");
    }

    @Test
    void aSessionEndsWhenSignedOutIdleTooLongOrTooOld() {
        Principal ada = h.signedIn("ada");
        String out = sessions.signIn(token(ada)).orElseThrow().secret();
        sessions.signOut(out);
        assertTrue(sessions.authenticate(out).isEmpty());

        String idle = sessions.signIn(token(ada)).orElseThrow().secret();
        h.clock.advance(BrowserSession.IDLE.minusMinutes(1));
        assertTrue(sessions.authenticate(idle).isPresent(), "used just in time");
        h.clock.advance(BrowserSession.IDLE.minusMinutes(1));
        assertTrue(sessions.authenticate(idle).isPresent(), "each use keeps it alive");
        h.clock.advance(BrowserSession.IDLE.plusMinutes(1));
        assertTrue(sessions.authenticate(idle).isEmpty(), "idle too long");

        String old = sessions.signIn(token(ada)).orElseThrow().secret();
        for (int i = 0; i < 8; i++) { // 8 × 22 h: past 7 days, never idle 12 h
            h.clock.advance(Duration.ofHours(11));
            sessions.authenticate(old);
            h.clock.advance(Duration.ofHours(11));
            sessions.authenticate(old);
        }
        assertTrue(sessions.authenticate(old).isEmpty(), "past its lifetime, however busy");
    }

    @Test
    void revokingTheTokenOrDisablingTheUserEndsItsSessionsAtOnce() {
        Principal ada = h.signedIn("ada");
        SignedIn signedIn = sessions.signIn(token(ada)).orElseThrow();
        Principal caller = sessions.authenticate(signedIn.secret()).orElseThrow();
        h.revoke.revoke(ada, caller.token());
        assertTrue(sessions.authenticate(signedIn.secret()).isEmpty());

        Principal bob = h.signedIn("bob");
        String bobs = sessions.signIn(token(bob)).orElseThrow().secret();
        h.stores.users().setDisabled(bob.user(), true);
        assertTrue(sessions.authenticate(bobs).isEmpty());
    }

    @Test
    void aUserHasAtMostTwentySessionsTheOldestGoingFirst() {
        Principal ada = h.signedIn("ada");
        String first = sessions.signIn(token(ada)).orElseThrow().secret();
        for (int i = 1; i < BrowserSessionsService.MAX_PER_USER; i++) {
            h.clock.advance(Duration.ofSeconds(1));
            sessions.signIn(token(ada));
        }
        assertTrue(sessions.authenticate(first).isPresent());
        h.clock.advance(Duration.ofSeconds(1));
        sessions.signIn(token(ada));
        assertTrue(sessions.authenticate(first).isEmpty());
    }
}
