package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReadsInstantNow {
    Object now() {
        return java.time.Instant.now();
    }
}
