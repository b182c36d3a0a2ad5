package live.catwalk.core.bite.port.in;

import live.catwalk.core.mcp.engine.McpEndpoints;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public interface DrivesTheEngine {
    McpEndpoints engine();
}
