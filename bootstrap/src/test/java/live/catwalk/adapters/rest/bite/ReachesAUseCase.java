package live.catwalk.adapters.rest.bite;

import live.catwalk.core.mcp.usecase.ManageMcpEngineService;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReachesAUseCase {
    ManageMcpEngineService engine;
}
