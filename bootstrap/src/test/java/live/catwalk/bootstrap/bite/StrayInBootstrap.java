package live.catwalk.bootstrap.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class StrayInBootstrap {
}
