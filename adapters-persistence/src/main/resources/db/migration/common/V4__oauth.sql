-- Catwalk as the OAuth 2.1 authorization server of its deployments (issue #14): clients, users' grants, and the
-- codes and tokens issued under them. Every secret is stored as its SHA-256 only (hex, as in access_tokens).
-- A deployment's grants go with it, and a grant's codes and tokens with the grant.

-- id: a generated cwc_ id or the https URL of a Client ID Metadata Document (printable ASCII, at most 2000).
-- redirect_uris: 1 to 20 URIs of at most 2000 characters each, one per line, in order.
CREATE TABLE oauth_clients (
    id             VARCHAR(2000)            NOT NULL PRIMARY KEY,
    name           VARCHAR(200)             NOT NULL,
    redirect_uris  VARCHAR(40100)           NOT NULL,
    auth_method    VARCHAR(32)              NOT NULL,
    secret_hash    VARCHAR(64),
    kind           VARCHAR(32)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE
);

-- live is TRUE while revoked_at is null and NULL after: the unique key then allows one live grant per user,
-- client and deployment and any number of revoked ones (NULLs are distinct), which H2 cannot say with a
-- partial index. scopes: 1 to 10 scope tokens of at most 64 characters, space-separated, sorted.
CREATE TABLE oauth_grants (
    id             UUID                     NOT NULL PRIMARY KEY,
    user_id        UUID                     NOT NULL,
    client_id      VARCHAR(2000)            NOT NULL,
    deployment_id  VARCHAR(64)              NOT NULL,
    scopes         VARCHAR(650)             NOT NULL,
    live           BOOLEAN,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT oauth_grants_live_key UNIQUE (user_id, client_id, deployment_id, live),
    CONSTRAINT oauth_grants_live_check CHECK (live IS NULL AND revoked_at IS NOT NULL
        OR live = TRUE AND revoked_at IS NULL),
    CONSTRAINT oauth_grants_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT oauth_grants_client_fkey FOREIGN KEY (client_id) REFERENCES oauth_clients (id) ON DELETE CASCADE,
    CONSTRAINT oauth_grants_deployment_fkey FOREIGN KEY (deployment_id) REFERENCES deployments (id)
        ON DELETE CASCADE
);

CREATE INDEX oauth_grants_client_idx ON oauth_grants (client_id);
CREATE INDEX oauth_grants_deployment_idx ON oauth_grants (deployment_id, created_at);

CREATE TABLE oauth_codes (
    hash           VARCHAR(64)              NOT NULL PRIMARY KEY,
    grant_id       UUID                     NOT NULL,
    redirect_uri   VARCHAR(2000)            NOT NULL,
    code_challenge VARCHAR(43)              NOT NULL,
    resource       VARCHAR(2000)            NOT NULL,
    scopes         VARCHAR(650)             NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT oauth_codes_grant_fkey FOREIGN KEY (grant_id) REFERENCES oauth_grants (id) ON DELETE CASCADE
);

CREATE INDEX oauth_codes_grant_idx ON oauth_codes (grant_id);
CREATE INDEX oauth_codes_expires_idx ON oauth_codes (expires_at);

-- from_code: the hash of the code a token came from; no foreign key, as expired codes are pruned before it.
CREATE TABLE oauth_tokens (
    hash           VARCHAR(64)              NOT NULL PRIMARY KEY,
    kind           VARCHAR(16)              NOT NULL,
    grant_id       UUID                     NOT NULL,
    resource       VARCHAR(2000)            NOT NULL,
    scopes         VARCHAR(650)             NOT NULL,
    issued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    from_code      VARCHAR(64),
    CONSTRAINT oauth_tokens_grant_fkey FOREIGN KEY (grant_id) REFERENCES oauth_grants (id) ON DELETE CASCADE
);

CREATE INDEX oauth_tokens_grant_idx ON oauth_tokens (grant_id);
CREATE INDEX oauth_tokens_from_code_idx ON oauth_tokens (from_code);
CREATE INDEX oauth_tokens_expires_idx ON oauth_tokens (expires_at);
