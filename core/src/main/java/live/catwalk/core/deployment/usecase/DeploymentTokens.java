package live.catwalk.core.deployment.usecase;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.port.out.Randomness;

/** Minting a deployment's {@code cwd_} token, alike at create and at rotation. */
final class DeploymentTokens {

    private DeploymentTokens() {
    }

    static IssuedToken mint(Randomness randomness, Principal owner, DeploymentId id, Instant now) {
        return TokenKind.DEPLOYMENT.mint(new TokenId(randomness.uuid()), owner.user(), Optional.of(id),
                "deployment " + id, randomness.secret(), now);
    }
}
