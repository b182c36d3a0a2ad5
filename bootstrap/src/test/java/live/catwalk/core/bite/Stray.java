package live.catwalk.core.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class Stray {
}
