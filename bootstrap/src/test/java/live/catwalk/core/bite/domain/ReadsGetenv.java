package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReadsGetenv {
    String token() {
        return System.getenv("FLY_API_TOKEN");
    }
}
