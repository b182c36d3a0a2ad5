package live.catwalk.core.account.domain;

/** What a user may do: an admin may also deploy custom commands (argv); everyone sees only their own resources. */
public enum Role {
    ADMIN, USER
}
