package live.catwalk.adapters.llm.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesBootstrap {
    Object config() {
        return live.catwalk.bootstrap.config.CatwalkConfig.defaults();
    }
}
