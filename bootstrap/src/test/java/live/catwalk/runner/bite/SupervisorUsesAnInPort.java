package live.catwalk.runner.bite;

import live.catwalk.core.mcp.port.in.ManageMcpEngine;

// A planted violation for ArchitectureBiteTest: the supervisor (not LocalRuntime) using an in-port.
public class SupervisorUsesAnInPort {
    ManageMcpEngine engine;
}
