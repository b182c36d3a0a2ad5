package live.catwalk.bootstrap.config.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ConfigUsesWiring {
    Object drain() {
        return live.catwalk.bootstrap.wiring.Application.DRAIN;
    }
}
