package live.catwalk.adapters.rest.bite;

import live.catwalk.core.mcp.engine.McpEndpoints;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReachesTheEngine {
    McpEndpoints engine;
}
