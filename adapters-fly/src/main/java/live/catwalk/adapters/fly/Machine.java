package live.catwalk.adapters.fly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;

/**
 * What Catwalk reads of a Fly Machine: its id, state, version ({@code instance_id}, changed by every update),
 * region, and the deployment its {@code catwalk_deployment} metadata names (empty: not a Catwalk machine).
 */
record Machine(String id, String state, String instanceId, String region, Optional<String> deployment) {

    static final String DEPLOYMENT_KEY = "catwalk_deployment";

    Machine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(deployment, "deployment");
    }

    /** The machine in a Machines API answer; one without an id is Fly answering something else. */
    static Machine of(JsonNode node) {
        String id = node.path("id").asText("");
        if (id.isEmpty() || !id.matches("[A-Za-z0-9]{1,64}")) {
            throw CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "the Fly Machines API answered a machine without an id")
                    .withCode("fly_unavailable");
        }
        JsonNode deployment = node.path("config").path("metadata").path(DEPLOYMENT_KEY);
        return new Machine(id, node.path("state").asText(""), node.path("instance_id").asText(""),
                node.path("region").asText(""),
                deployment.isTextual() ? Optional.of(deployment.asText()) : Optional.empty());
    }

    /** This machine as last seen, now in {@code newState} (what Catwalk just asked Fly for). */
    Machine withState(String newState) {
        return new Machine(id, newState, instanceId, region, deployment);
    }
}
