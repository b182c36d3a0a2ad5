package live.catwalk.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.port.in.ReadSettings;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.ValidationProblem;

/** {@code /api/settings}: the caller's secret settings, write-only: a read says only whether each is set. */
@Path("/api/settings")
@Produces(MediaType.APPLICATION_JSON)
public final class SettingsResource {

    private final ReadSettings readSettings;
    private final UpdateSettings updateSettings;

    public SettingsResource(ReadSettings readSettings, UpdateSettings updateSettings) {
        this.readSettings = Objects.requireNonNull(readSettings, "readSettings");
        this.updateSettings = Objects.requireNonNull(updateSettings, "updateSettings");
    }

    @GET
    public SettingsView read(@Context SecurityContext security) {
        return view(Caller.of(security));
    }

    /** A field left out stays as it is; {@code null} or blank clears it; a string (trimmed) sets it. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@Context SecurityContext security, SettingsChange body) {
        Principal caller = Caller.of(security);
        Map<SettingName, Optional<SecretValue>> changes = new EnumMap<>(SettingName.class);
        List<ValidationProblem> problems = new ArrayList<>();
        change(changes, problems, SettingName.OPENROUTER_API_KEY, "openrouterApiKey", body.openrouterApiKey());
        change(changes, problems, SettingName.FLY_API_TOKEN, "flyApiToken", body.flyApiToken());
        if (!problems.isEmpty()) {
            return ValidationFailed.refuse(problems);
        }
        if (!changes.isEmpty()) {
            updateSettings.update(new UpdateSettings.Command(caller, changes));
        }
        return Response.ok(view(caller)).build();
    }

    private static void change(Map<SettingName, Optional<SecretValue>> changes, List<ValidationProblem> problems,
                               SettingName name, String field, JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return;
        }
        if (value.isNull()) {
            changes.put(name, Optional.empty());
            return;
        }
        if (!value.isTextual()) {
            problems.add(ValidationProblem.of(field, "Expected a string or null here.",
                    "Send the value as a JSON string, or null to clear it."));
            return;
        }
        String trimmed = value.textValue().strip();
        if (trimmed.isEmpty()) {
            changes.put(name, Optional.empty());
            return;
        }
        if (trimmed.length() > SecretValue.MAX_LENGTH) {
            problems.add(ValidationProblem.of(field, "The value is longer than " + SecretValue.MAX_LENGTH
                    + " characters.", null));
            return;
        }
        changes.put(name, Optional.of(new SecretValue(trimmed)));
    }

    private SettingsView view(Principal caller) {
        Set<SettingName> set = readSettings.setNames(caller);
        return new SettingsView(new Flag(set.contains(SettingName.OPENROUTER_API_KEY)),
                new Flag(set.contains(SettingName.FLY_API_TOKEN)));
    }

    /** Absent fields bind as Java null, an explicit JSON null as a null node. */
    record SettingsChange(JsonNode openrouterApiKey, JsonNode flyApiToken) {
    }

    record SettingsView(Flag openrouterApiKey, Flag flyApiToken) {
    }

    record Flag(boolean set) {
    }
}
