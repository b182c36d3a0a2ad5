package live.catwalk.bootstrap.cli.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class CliUsesWiring {
    Object wiring() {
        return live.catwalk.bootstrap.wiring.Application.DRAIN;
    }
}
