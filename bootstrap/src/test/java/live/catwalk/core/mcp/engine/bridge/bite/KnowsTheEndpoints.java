package live.catwalk.core.mcp.engine.bridge.bite;

import live.catwalk.core.mcp.engine.McpEndpoints;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public interface KnowsTheEndpoints {
    McpEndpoints endpoints();
}
