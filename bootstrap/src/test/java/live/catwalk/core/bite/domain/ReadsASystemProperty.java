package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReadsASystemProperty {
    String home() {
        return System.getProperty("user.home");
    }
}
