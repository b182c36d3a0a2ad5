-- Sign in with GitHub (issue #14): which GitHub account each user signs in with, at most one either way,
-- matched by the account's numeric id, which never changes. login is the one it last signed in with, as
-- GitHub logins can be renamed. A user's link goes with the user.
CREATE TABLE github_identities (
    github_id       BIGINT                   NOT NULL PRIMARY KEY,
    user_id         UUID                     NOT NULL,
    login           VARCHAR(100)             NOT NULL,
    linked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT github_identities_user_key UNIQUE (user_id),
    CONSTRAINT github_identities_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
