package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class PrintsAStackTrace {
    void fail(RuntimeException e) {
        e.printStackTrace();
    }
}
