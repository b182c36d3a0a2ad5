package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReadsCurrentTimeMillis {
    long now() {
        return System.currentTimeMillis();
    }
}
