package live.catwalk.core.account.domain;

import live.catwalk.core.shared.domain.UserId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.core.shared.domain.DeploymentId;
import org.junit.jupiter.api.Test;

class TokenKindTest {

    private static final String RANDOM = "AbCdEfGh" + "0123456789abcdefghijklmn";
    private static final UserId OWNER = new UserId(new UUID(1, 1));

    @Test
    void aMintedTokenIsItsMarkerAndRandomPartWithAPrefixOfEightAndTheHashOfTheWhole() {
        IssuedToken issued = TokenKind.PERSONAL.mint(new TokenId(new UUID(2, 2)), OWNER, Optional.empty(), "cli", RANDOM,
                Instant.EPOCH);

        assertEquals("cwk_" + RANDOM, issued.secret());
        assertEquals("cwk_AbCdEfGh", issued.token().prefix());
        assertEquals(TokenHash.of("cwk_" + RANDOM), issued.token().hash());
    }

    @Test
    void recognisesWellFormedTokensOnly() {
        assertEquals(Optional.of(TokenKind.PERSONAL), TokenKind.of("cwk_" + RANDOM));
        assertEquals(Optional.of(TokenKind.DEPLOYMENT), TokenKind.of("cwd_" + RANDOM));
        assertEquals(Optional.empty(), TokenKind.of("cwx_" + RANDOM));
        assertEquals(Optional.empty(), TokenKind.of("cwk_" + RANDOM.substring(1)));
        assertEquals(Optional.empty(), TokenKind.of("cwk_" + RANDOM + "-"));
        assertEquals(Optional.of("cwd_AbCdEfGh"), TokenKind.visiblePrefix("cwd_" + RANDOM));
        assertEquals(Optional.empty(), TokenKind.visiblePrefix("nonsense"));
    }

    @Test
    void aDeploymentTokenNamesItsDeploymentAndAPersonalOneDoesNot() {
        var deployment = Optional.of(new DeploymentId("d-1"));
        var id = new TokenId(new UUID(2, 2));

        assertThrows(IllegalArgumentException.class,
                () -> TokenKind.PERSONAL.mint(id, OWNER, deployment, "x", RANDOM, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class,
                () -> TokenKind.DEPLOYMENT.mint(id, OWNER, Optional.empty(), "x", RANDOM, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class,
                () -> TokenKind.DEPLOYMENT.mint(id, OWNER, deployment, "x", "short", Instant.EPOCH));
    }
}
