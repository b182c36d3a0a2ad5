package live.catwalk.core.bite.usecase;

import live.catwalk.core.bite.port.in.DoBite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class NotFinalService implements DoBite {
    @Override
    public void bite() {
    }
}
