package live.catwalk.adapters.rest.bite;

import java.net.http.HttpClient;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesHttpClient {
    HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
