package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesAnAdapter {
    Object server() {
        return live.catwalk.adapters.rest.RestServer.builder("127.0.0.1", 0);
    }
}
