package live.catwalk.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.SettingName;
import live.catwalk.core.account.port.in.ReadSettings;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;

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
    public SettingsView update(@Context SecurityContext security, SettingsChange body) {
        Principal caller = Caller.of(security);
        Map<SettingName, Optional<SecretValue>> changes = new EnumMap<>(SettingName.class);
        change(changes, SettingName.OPENROUTER_API_KEY, "openrouterApiKey", body.openrouterApiKey());
        change(changes, SettingName.FLY_API_TOKEN, "flyApiToken", body.flyApiToken());
        if (!changes.isEmpty()) {
            updateSettings.update(new UpdateSettings.Command(caller, changes));
        }
        return view(caller);
    }

    private static void change(Map<SettingName, Optional<SecretValue>> changes, SettingName name, String field,
                               JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return;
        }
        if (value.isNull()) {
            changes.put(name, Optional.empty());
            return;
        }
        if (!value.isTextual()) {
            throw CatwalkException.invalidInput(field, "Expected a string or null here.",
                    "Send the value as a JSON string, or null to clear it.");
        }
        String trimmed = value.textValue().strip();
        if (trimmed.isEmpty()) {
            changes.put(name, Optional.empty());
            return;
        }
        if (trimmed.length() > SecretValue.MAX_LENGTH) {
            throw CatwalkException.invalidInput(field, "The value is longer than " + SecretValue.MAX_LENGTH
                    + " characters.", null);
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
