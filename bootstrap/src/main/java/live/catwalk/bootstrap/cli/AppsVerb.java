package live.catwalk.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catwalk apps ID [--revoke GRANT]}: the applications connected to a deployment through OAuth. */
@Command(name = "apps", mixinStandardHelpOptions = true,
        description = "apps ID: the applications connected to a deployment through OAuth; "
                + "apps ID --revoke GRANT disconnects one at once.")
final class AppsVerb extends Verbs.Verb {
    @Parameters(paramLabel = "ID", description = "The deployment's id.")
    String id;

    @Option(names = "--revoke", paramLabel = "GRANT", description = "Disconnect this application (its grant id).")
    String revoke;

    AppsVerb(Terminal t) {
        super(t);
    }

    @Override
    public Integer call() {
        if (revoke != null) {
            api().delete(deployment(id) + "/apps/" + revoke);
            t.out().println("disconnected " + revoke);
            return 0;
        }
        JsonNode apps = api().get(deployment(id) + "/apps");
        return print(apps, () -> {
            if (apps.path("items").isEmpty()) {
                t.out().println("No application is connected.");
            }
            for (JsonNode a : apps.path("items")) {
                t.out().println(a.path("id").asText() + "  " + a.path("name").asText() + "  (" + a.path("clientId")
                        .asText() + ")  granted " + a.path("grantedAt").asText() + ", last used "
                        + (a.hasNonNull("lastUsedAt") ? a.path("lastUsedAt").asText() : "never"));
            }
        });
    }
}
