package live.catwalk.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a deployments file with one deployment, for tests that start Catwalk. */
public final class TestDeployments {

    private TestDeployments() {
    }

    public static Path write(Path dir, String id, List<String> argv, Map<String, String> env, String mode, String token)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode deployment = json.createObjectNode().put("id", id).put("sessionMode", mode).put("token", token);
        argv.forEach(deployment.putArray("command")::add);
        ObjectNode variables = deployment.putObject("env");
        env.forEach(variables::put);
        ObjectNode root = json.createObjectNode();
        root.putArray("deployments").add(deployment);
        return Files.writeString(dir.resolve("deployments-" + id + ".json"), json.writeValueAsString(root));
    }
}
