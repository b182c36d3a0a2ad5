package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.FlyAccount;
import live.catwalk.core.shared.domain.UserId;

/**
 * Opens a user's own Fly.io token and app from their secret settings, for the runtime that runs their deployments
 * (never for a client: the token leaves only towards Fly). A setting that does not open is {@link FlyAccount.Unusable},
 * not an exception; a user who does not exist has {@link FlyAccount.None}. Thread-safe.
 */
@FunctionalInterface
public interface OpenFlyAccount {

    FlyAccount of(UserId user);
}
