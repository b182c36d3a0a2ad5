package live.catwalk.bootstrap.config;

/** The environment variables Catwalk reads, with their defaults and the form a value must take. */
public enum ConfigVariable {
    BIND("CATWALK_BIND", "127.0.0.1", "an IP address or host name of this machine, e.g. 127.0.0.1 or 0.0.0.0"),
    PORT("CATWALK_PORT", "8080", "an integer from 0 to 65535 (0 picks a free port), e.g. 8080"),
    MAX_BODY_BYTES("CATWALK_MAX_BODY_BYTES", "4194304",
            "a number of bytes from 1024 to 268435456, e.g. 4194304 (4 MiB)"),
    LOG_LEVEL("CATWALK_LOG_LEVEL", "info", "one of error, warn, info, debug, trace"),
    DEPLOYMENTS_FILE("CATWALK_DEPLOYMENTS_FILE", "",
            "the path of a JSON file listing deployments (see the README), or empty for none"),
    ALLOWED_HOSTS("CATWALK_ALLOWED_HOSTS", "",
            "host names the MCP endpoints answer to besides loopback, comma-separated, or * for any"),
    ALLOWED_ORIGINS("CATWALK_ALLOWED_ORIGINS", "",
            "browser origins allowed to call the MCP endpoints besides loopback, comma-separated, "
                    + "e.g. https://claude.ai, or * for any"),
    SESSION_IDLE_TIMEOUT("CATWALK_SESSION_IDLE_TIMEOUT", "30m",
            "a duration from 10s to 24h such as 90s, 30m or 2h: MCP sessions idle this long are ended"),
    MAX_SESSIONS("CATWALK_MAX_SESSIONS", "1000", "MCP sessions per deployment, from 1 to 100000"),
    MAX_CHILDREN("CATWALK_MAX_CHILDREN", "16", "server processes per isolated-mode deployment, from 1 to 1000"),
    MAX_DEPLOYMENTS_PER_USER("CATWALK_MAX_DEPLOYMENTS_PER_USER", "10",
            "deployments a user (not an admin) may have, from 1 to 500"),
    MAX_RUNNING_PER_USER("CATWALK_MAX_RUNNING_PER_USER", "5",
            "deployments a user (not an admin) may have running or starting at once, from 1 to 500"),
    SANDBOX("CATWALK_SANDBOX", "auto",
            "auto (run servers in bubblewrap when it works), required (refuse to start without it) or off "
                    + "(servers run as Catwalk's own user; only for a single-user instance)"),
    HEALTH_INTERVAL("CATWALK_HEALTH_INTERVAL", "10s",
            "a duration from 1s to 1h: how often each running server is pinged (and at once after a crash); "
                    + "one that does not answer within 5s is marked unhealthy"),
    MAX_PROCESSES("CATWALK_MAX_PROCESSES", "64", "server processes alive at once across all deployments, from 1 to 10000"),
    MAX_BATCH("CATWALK_MAX_BATCH", "100", "messages in one MCP JSON-RPC batch, from 1 to 10000"),
    MAX_INFLIGHT_PER_SESSION("CATWALK_MAX_INFLIGHT_PER_SESSION", "100",
            "unanswered MCP requests of one session, from 1 to 100000"),
    MAX_INFLIGHT_PER_DEPLOYMENT("CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT", "1000",
            "unanswered MCP requests of one deployment, from 1 to 1000000"),
    RETAINED_BYTES("CATWALK_RETAINED_BYTES", "67108864",
            "bytes of MCP answers and events kept for all sessions together, from 1048576 to 2147483647 "
                    + "(at most a quarter of the Java heap is used), e.g. 67108864 (64 MiB)"),
    MAX_SESSIONS_PER_USER("CATWALK_MAX_SESSIONS_PER_USER", "100",
            "MCP sessions over all of one user's deployments (admins are exempt), from 1 to 100000"),
    MCP_INPUT_WAIT("CATWALK_MCP_INPUT_WAIT", "10m",
            "a duration from 1s to 24h: how long an MCP 2026-07-28 request that asked its client for input "
                    + "(an input_required result) waits for the retry before it is cancelled at the server"),
    REQUEST_TIMEOUT("CATWALK_REQUEST_TIMEOUT", "10m",
            "a duration from 1s to 24h: an MCP request unanswered this long gets an error and is cancelled"),
    SSE_HEARTBEAT("CATWALK_SSE_HEARTBEAT", "15s",
            "a duration from 100ms to 5m: how often an idle event stream gets a keep-alive comment"),
    PUBLIC_URL("CATWALK_PUBLIC_URL", "",
            "the URL clients reach Catwalk at, e.g. https://catwalk.example.com, for the MCP links the API "
                    + "returns (default: the bind address and port, 127.0.0.1 for a wildcard bind)"),
    METRICS_BIND("CATWALK_METRICS_BIND", "",
            "host:port of a private address where /metrics is served without a token, e.g. 127.0.0.1:9464 "
                    + "([::1]:9464 for IPv6); empty: /metrics on the main port, for an admin's personal token only"),
    HEADER_TIMEOUT("CATWALK_HEADER_TIMEOUT", "10s",
            "a duration from 1s to 5m: a request's headers must arrive within it of their first byte"),
    BODY_TIMEOUT("CATWALK_BODY_TIMEOUT", "60s",
            "a duration from 1s to 1h: a request's body must arrive within it of the headers"),
    NPM_REGISTRY("CATWALK_NPM_REGISTRY", "https://registry.npmjs.org/",
            "the npm registry that deployments' packages are checked against, an http(s) URL"),
    PYPI_INDEX("CATWALK_PYPI_INDEX", "https://pypi.org/",
            "the PyPI server that deployments' packages are checked against (its /pypi/<name>/json API), an http(s) URL"),
    GITHUB_API_URL("CATWALK_GITHUB_API_URL", "https://api.github.com/",
            "the GitHub REST API that repositories are analysed through (GitHub Enterprise: https://host/api/v3/), "
                    + "an http(s) URL"),
    GITHUB_TOKEN("GITHUB_TOKEN", "", "a GitHub token for reading public repositories (optional; it raises "
            + "GitHub's rate limit from 60 to 5000 requests an hour)", true),
    GITHUB_URL("CATWALK_GITHUB_URL", "https://github.com/",
            "GitHub's web address that people sign in at (GitHub Enterprise: https://host/), an http(s) URL"),
    GITHUB_CLIENT_ID("CATWALK_GITHUB_CLIENT_ID", "",
            "the client id of a GitHub OAuth app whose callback URL is <public URL>/auth/github/callback; set with "
                    + "CATWALK_GITHUB_CLIENT_SECRET to let people sign in with GitHub, empty for no GitHub sign-in"),
    GITHUB_CLIENT_SECRET("CATWALK_GITHUB_CLIENT_SECRET", "", "the client secret of that GitHub OAuth app", true),
    SIGNUP("CATWALK_SIGNUP", "invite",
            "who gets an account on a first sign-in with GitHub: github (anyone, or only those on CATWALK_SIGNUP_ALLOW "
                    + "when it is set), invite (only those on CATWALK_SIGNUP_ALLOW) or closed (nobody new)"),
    SIGNUP_ALLOW("CATWALK_SIGNUP_ALLOW", "",
            "GitHub logins of people or organisations (members of an organisation are let in), comma-separated, "
                    + "e.g. ada,acme-corp"),
    FLY_API_TOKEN("FLY_API_TOKEN", "", "a Fly.io API token (fly tokens create deploy, or FlyV1 …): with CATWALK_FLY_APP "
            + "and CATWALK_FLY_IMAGE, deployments run on Fly Machines; empty for the local runtime", true),
    FLY_APP("CATWALK_FLY_APP", "", "the Fly app whose Machines run the deployments, e.g. catwalk-runners"),
    FLY_IMAGE("CATWALK_FLY_IMAGE", "", "the runner image the Machines run, e.g. registry.fly.io/catwalk-runners:1"),
    RUNNER_KEY("CATWALK_RUNNER_KEY", "", "at least 32 characters that every gateway shares; each Machine's runner "
            + "secret is derived from it (required with Fly)", true),
    FLY_REGION("CATWALK_FLY_REGION", "", "the Fly region new Machines go to, e.g. ams; empty for Fly's choice"),
    FLY_API_URL("CATWALK_FLY_API_URL", "https://api.machines.dev/v1", "the Fly Machines API, an http(s) URL"),
    FLY_RUNNER_URL("CATWALK_FLY_RUNNER_URL", "http://{machine}.vm.{app}.internal:8080",
            "where the gateway reaches a Machine's runner, with {machine} and {app} filled in"),
    FLY_ANSWER_TIMEOUT("CATWALK_FLY_ANSWER_TIMEOUT", "10m",
            "a duration from 5s to 1h: how long a Machine's runner has to start answering a forwarded MCP request "
                    + "(a stream's later events are not bounded by it); past it the client gets a 504"),
    FLY_STRAY_INTERVAL("CATWALK_FLY_STRAY_INTERVAL", "5m",
            "a duration from 1s to 24h: how often the app's Machines that name no deployment wanted running are "
                    + "looked for and destroyed"),
    MCP_REGISTRY_URL("CATWALK_MCP_REGISTRY_URL", "https://registry.modelcontextprotocol.io/",
            "the official MCP registry (or a mirror of its v0.1 API), an http(s) URL"),
    OPENROUTER_URL("CATWALK_OPENROUTER_URL", "https://openrouter.ai/api/v1/",
            "the OpenRouter API that fills an analysis's gaps, an http(s) URL"),
    OPENROUTER_API_KEY("OPENROUTER_API_KEY", "", "an OpenRouter API key (optional; without one, and without a "
            + "user's own key in their settings, analyses use the repository's facts only)", true),
    OPENROUTER_MODEL("CATWALK_OPENROUTER_MODEL", "",
            "an OpenRouter model id that supports structured outputs, e.g. openai/gpt-4.1-mini; empty for "
                    + "Catwalk's default"),
    HOME("CATWALK_HOME", "", "a directory for the embedded database and the generated keyset (default ~/.catwalk)"),
    DATABASE_URL("DATABASE_URL", "",
            "postgres://user:password@host:5432/database, postgresql://… or jdbc:postgresql://…; "
                    + "empty for the embedded H2 database under CATWALK_HOME", true),
    DB_POOL_SIZE("CATWALK_DB_POOL_SIZE", "10", "database connections, from 1 to 200"),
    KEYSET("CATWALK_KEYSET", "", "the base64 of a Tink JSON keyset (see 'catwalk keys --help')", true),
    KEYSET_FILE("CATWALK_KEYSET_FILE", "", "the path of a Tink JSON keyset file with mode 0600"),
    ADMIN_TOKEN_FILE("CATWALK_ADMIN_TOKEN_FILE", "",
            "a file path (in an existing directory) where the first admin's token is written once, mode 0600, "
                    + "instead of the console; empty to print it"),
    OAUTH_ACCESS_TTL("CATWALK_OAUTH_ACCESS_TTL", "1h",
            "a duration from 1m to 24h such as 30m or 8h: how long an OAuth access token opens its deployment"),
    OAUTH_REFRESH_TTL("CATWALK_OAUTH_REFRESH_TTL", "30d",
            "a duration from 1h to 365d such as 12h or 90d, not shorter than CATWALK_OAUTH_ACCESS_TTL: how long "
                    + "an OAuth refresh token lives (each use rotates it, and the new one lives as long)"),
    OAUTH_CODE_TTL("CATWALK_OAUTH_CODE_TTL", "10m",
            "a duration from 10s to 10m: how long an OAuth authorization code may wait to be exchanged (once)"),
    TRUSTED_PROXIES("CATWALK_TRUSTED_PROXIES", "",
            "IP addresses and CIDR blocks of the reverse proxies in front of Catwalk, comma-separated, e.g. "
                    + "10.0.0.0/8,fd00::/8: their X-Forwarded-For names the client the rate limits count; empty for "
                    + "none (the client is the connection's peer)"),
    RATE_FAILED_AUTH_PER_ADDRESS("CATWALK_RATE_FAILED_AUTH_PER_ADDRESS", "10/1m",
            "a rate count/window such as 10/1m (window 1s to 24h), or off: failed authentications a client address "
                    + "may have in a window before its requests with a credential are refused until the window ends"),
    RATE_FAILED_AUTH_PER_PREFIX("CATWALK_RATE_FAILED_AUTH_PER_PREFIX", "10/1m",
            "a rate count/window such as 10/1m (window 1s to 24h), or off: failed authentications with one token "
                    + "prefix (cwk_ and 8 characters), from any address, before that prefix is refused"),
    RATE_PER_TOKEN("CATWALK_RATE_PER_TOKEN", "off",
            "a rate count/window such as 6000/1m (window 1s to 24h), or off: requests one token may make"),
    RATE_REGISTRATIONS_PER_ADDRESS("CATWALK_RATE_REGISTRATIONS_PER_ADDRESS", "20/1h",
            "a rate count/window such as 20/1h (window 1s to 24h), or off: OAuth client registrations (POST "
                    + "/register) from one client address"),
    RATE_ANALYSES_PER_USER("CATWALK_RATE_ANALYSES_PER_USER", "20/1h",
            "a rate count/window such as 20/1h (window 1s to 24h), or off: repository analyses one user may start");

    public final String envName;
    public final String defaultValue;
    public final String expected;
    /** A secret's value is never repeated in a message. */
    final boolean secret;

    ConfigVariable(String envName, String defaultValue, String expected) {
        this(envName, defaultValue, expected, false);
    }

    ConfigVariable(String envName, String defaultValue, String expected, boolean secret) {
        this.envName = envName;
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.secret = secret;
    }

    static ConfigVariable named(String envName) {
        for (ConfigVariable v : values()) {
            if (v.envName.equals(envName)) {
                return v;
            }
        }
        return null;
    }
}
