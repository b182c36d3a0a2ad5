package live.catwalk.core.bite.usecase;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public final class LonelyService {
    public void bite() {
    }
}
