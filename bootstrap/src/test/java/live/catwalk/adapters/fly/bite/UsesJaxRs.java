package live.catwalk.adapters.fly.bite;

import jakarta.ws.rs.core.Response;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesJaxRs {
    Response ok() {
        return Response.ok().build();
    }
}
