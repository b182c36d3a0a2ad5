package live.catwalk.core.account.domain;

/** What a user may do: an admin may also run custom commands and see every deployment. */
public enum Role {
    ADMIN, USER
}
