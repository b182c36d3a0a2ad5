package live.catwalk.adapters.llm.bite;

import live.catwalk.core.deployment.port.in.StartDeployment;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesAnInPort {
    StartDeployment start;
}
