package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class CreatesNewDate {
    Object now() {
        return new java.util.Date();
    }
}
