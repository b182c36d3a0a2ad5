package live.catwalk.adapters.fly;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.TreeMap;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * {@code CATWALK_RUNNER_SPEC} as the runner protocol fixes it: base64url (no padding) of the UTF-8 JSON
 * {@code {"deployment","argv","env","sessionMode"}}. It carries the command's env, opened secrets included,
 * so the value is itself a secret. The command's workspace is not sent: the machine is the sandbox.
 */
final class RunnerSpec {

    static final String VARIABLE = "CATWALK_RUNNER_SPEC";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunnerSpec() {
    }

    static String encode(DeploymentId deployment, ServerCommand command, SessionMode mode) {
        ObjectNode spec = JSON.createObjectNode().put("deployment", deployment.value());
        command.argv().forEach(spec.putArray("argv")::add);
        ObjectNode env = spec.putObject("env");
        new TreeMap<>(command.env()).forEach(env::put);
        spec.put("sessionMode", mode.name().toLowerCase(Locale.ROOT));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(spec));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
