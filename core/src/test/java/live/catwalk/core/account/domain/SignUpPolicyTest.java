package live.catwalk.core.account.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import live.catwalk.core.account.domain.SignUpPolicy.Mode;
import org.junit.jupiter.api.Test;

class SignUpPolicyTest {

    private static final GitHubIdentity ADA = new GitHubIdentity(1, "Ada");

    @Test
    void eachModeAdmitsWhomItSays() {
        assertTrue(new SignUpPolicy(Mode.GITHUB, Set.of()).admits(ADA, Set.of()), "open sign-up");
        assertFalse(new SignUpPolicy(Mode.GITHUB, Set.of("grace")).admits(ADA, Set.of()), "narrowed by the list");
        assertTrue(new SignUpPolicy(Mode.GITHUB, Set.of("ADA")).admits(ADA, Set.of()));
        assertFalse(SignUpPolicy.inviteOnly().admits(ADA, Set.of("acme")), "an empty invite list lets nobody in");
        assertTrue(new SignUpPolicy(Mode.INVITE, Set.of("acme")).admits(ADA, Set.of("Acme")), "a listed organisation");
        assertFalse(new SignUpPolicy(Mode.INVITE, Set.of("acme")).admits(ADA, Set.of("acme-evil")));
        assertFalse(new SignUpPolicy(Mode.CLOSED, Set.of("ada")).admits(ADA, Set.of()), "closed is closed");
    }

    @Test
    void organisationsAreAskedForOnlyWhenAListCouldNameOne() {
        assertFalse(new SignUpPolicy(Mode.GITHUB, Set.of()).needsOrganisations());
        assertTrue(new SignUpPolicy(Mode.INVITE, Set.of("acme")).needsOrganisations());
        assertFalse(new SignUpPolicy(Mode.CLOSED, Set.of("acme")).needsOrganisations());
    }

    @Test
    void aGitHubIdentityIsAPositiveIdAndALogin() {
        assertThrows(IllegalArgumentException.class, () -> new GitHubIdentity(0, "ada"));
        assertThrows(IllegalArgumentException.class, () -> new GitHubIdentity(1, "-ada"));
        assertThrows(IllegalArgumentException.class, () -> new GitHubIdentity(1, "ada lovelace"));
        assertTrue(new GitHubIdentity(1, "ada_emu").login().endsWith("_emu"));
    }
}
