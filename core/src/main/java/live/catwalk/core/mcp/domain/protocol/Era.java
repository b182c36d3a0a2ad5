package live.catwalk.core.mcp.domain.protocol;

/**
 * A family of MCP protocol revisions that share one transport model: the sessionful 2025 family
 * ({@code initialize}, {@code Mcp-Session-Id}, GET streams) or the stateless 2026-07-28 revision (every
 * request carries its version and capabilities in {@code _meta}). Whether Catwalk serves an era is
 * {@link #served()}.
 */
public enum Era {
    /** 2024-11-05 … 2025-11-25: a session begins with {@code initialize}. Served. */
    SESSIONFUL_2025(true),
    /** 2026-07-28: no sessions, {@code server/discover}, a {@code _meta} claim on every request. Served. */
    STATELESS_2026(true);

    private final boolean served;

    Era(boolean served) {
        this.served = served;
    }

    /** Whether Catwalk answers requests of this era today. */
    public boolean served() {
        return served;
    }
}
