package live.catwalk.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * A deployment spec's stored JSON (its name has a column of its own):
 * {@code {"launch":{"package":{"registry":"npm","name":…,"version":…,"args":[…]}} | {"command":{"argv":[…]}},
 * "envNames":[…],"sessionMode":"shared","suspendAfterMinutes":15}} ({@code args} and {@code suspendAfterMinutes}
 * only when there are some; a row without reads as none).
 * Written by hand so the domain records need no annotations.
 */
final class SpecJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SpecJson() {
    }

    static String write(DeploymentSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode launch = root.putObject("launch");
        switch (spec.launch()) {
            case Launch.Package p -> {
                ObjectNode ref = launch.putObject("package");
                ref.put("registry", p.ref().registry().wireName());
                ref.put("name", p.ref().name());
                p.ref().version().ifPresent(v -> ref.put("version", v));
                if (!p.args().isEmpty()) {
                    p.args().forEach(ref.putArray("args")::add);
                }
            }
            case Launch.Command c -> c.argv().forEach(launch.putObject("command").putArray("argv")::add);
        }
        ArrayNode envNames = root.putArray("envNames");
        spec.envNames().forEach(n -> envNames.add(n.value()));
        root.put("sessionMode", spec.sessionMode().name().toLowerCase(Locale.ROOT));
        spec.suspendAfter().ifPresent(after -> root.put("suspendAfterMinutes", after.toMinutes()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static DeploymentSpec read(String name, String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode launch = root.required("launch");
            Launch parsed;
            if (launch.has("package")) {
                JsonNode ref = launch.get("package");
                List<String> args = new ArrayList<>();
                ref.path("args").forEach(a -> args.add(a.asText())); // absent in rows written before args existed
                parsed = new Launch.Package(new PackageRef(
                        PackageRef.Registry.valueOf(ref.required("registry").asText().toUpperCase(Locale.ROOT)),
                        ref.required("name").asText(),
                        Optional.ofNullable(ref.get("version")).map(JsonNode::asText)), args);
            } else {
                List<String> argv = new ArrayList<>();
                launch.required("command").required("argv").forEach(a -> argv.add(a.asText()));
                parsed = new Launch.Command(argv);
            }
            List<EnvVarName> envNames = new ArrayList<>();
            root.required("envNames").forEach(n -> envNames.add(new EnvVarName(n.asText())));
            SessionMode mode = SessionMode.valueOf(root.required("sessionMode").asText().toUpperCase(Locale.ROOT));
            JsonNode suspend = root.path("suspendAfterMinutes"); // absent in rows written before suspension existed
            Optional<Duration> suspendAfter = suspend.canConvertToLong()
                    ? Optional.of(Duration.ofMinutes(suspend.asLong())) : Optional.empty();
            return new DeploymentSpec(name, parsed, envNames, mode, suspendAfter);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored deployment spec is not readable", e);
        }
    }
}
