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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.FlyAccount;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.port.in.ReadSettings;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/settings}: the caller's secret settings, write-only: a read says only whether each is set. A value for
 * a setting this Catwalk does not use (the Fly ones when its operator has not configured Fly) is refused; clearing
 * one is always allowed.
 */
@Path("/api/settings")
@Produces(MediaType.APPLICATION_JSON)
public final class SettingsResource {

    private static final String FLY_APP_HINT = "The name of an app in your Fly organisation, as fly apps create "
            + "made it: lowercase letters, digits and dashes, 1 to 63 characters.";

    private final ReadSettings readSettings;
    private final UpdateSettings updateSettings;
    private final Set<SettingName> inUse;

    public SettingsResource(ReadSettings readSettings, UpdateSettings updateSettings) {
        this(readSettings, updateSettings, EnumSet.allOf(SettingName.class));
    }

    /** Values are accepted for the settings {@code inUse} only. */
    public SettingsResource(ReadSettings readSettings, UpdateSettings updateSettings, Set<SettingName> inUse) {
        this.readSettings = Objects.requireNonNull(readSettings, "readSettings");
        this.updateSettings = Objects.requireNonNull(updateSettings, "updateSettings");
        this.inUse = Set.copyOf(inUse);
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
        refuseUnused(body);
        Map<SettingName, Optional<SecretValue>> changes = new EnumMap<>(SettingName.class);
        List<ValidationProblem> problems = new ArrayList<>();
        change(changes, problems, SettingName.OPENROUTER_API_KEY, "openrouterApiKey", body.openrouterApiKey());
        change(changes, problems, SettingName.FLY_API_TOKEN, "flyApiToken", body.flyApiToken());
        change(changes, problems, SettingName.FLY_APP, "flyApp", body.flyApp());
        changes.getOrDefault(SettingName.FLY_API_TOKEN, Optional.empty())
                .filter(token -> token.reveal().chars().anyMatch(Character::isISOControl))
                .ifPresent(token -> problems.add(ValidationProblem.of("flyApiToken",
                        "A Fly token has no control characters (line breaks, tabs).",
                        "Paste the token as fly tokens create printed it, on one line.")));
        changes.getOrDefault(SettingName.FLY_APP, Optional.empty())
                .filter(app -> !FlyAccount.isAppName(app.reveal()))
                .ifPresent(app -> problems.add(ValidationProblem.of("flyApp", "This is not a Fly app name.",
                        FLY_APP_HINT)));
        if (!problems.isEmpty()) {
            return ValidationFailed.refuse(problems);
        }
        if (!changes.isEmpty()) {
            updateSettings.update(new UpdateSettings.Command(caller, changes));
        }
        return Response.ok(view(caller)).build();
    }

    /** A 400 {@code fly_not_configured} naming the first Fly field that sets (not clears) a setting not in use. */
    private void refuseUnused(SettingsChange body) {
        List<String> unused = new ArrayList<>();
        unused(unused, SettingName.FLY_API_TOKEN, "flyApiToken", body.flyApiToken());
        unused(unused, SettingName.FLY_APP, "flyApp", body.flyApp());
        if (!unused.isEmpty()) {
            throw CatwalkException.invalidInput(unused.getFirst(), "This Catwalk's operator has not configured "
                    + "Fly.io, so " + String.join(" and ", unused) + " would go unused; nothing was changed.",
                    "Deployments here run where the operator runs them. Clearing (null) is always allowed.")
                    .withCode("fly_not_configured");
        }
    }

    private void unused(List<String> fields, SettingName name, String field, JsonNode value) {
        if (!inUse.contains(name) && value != null && value.isTextual() && !value.textValue().isBlank()) {
            fields.add(field);
        }
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
                new Flag(set.contains(SettingName.FLY_API_TOKEN)), new Flag(set.contains(SettingName.FLY_APP)));
    }

    /** Absent fields bind as Java null, an explicit JSON null as a null node. */
    record SettingsChange(JsonNode openrouterApiKey, JsonNode flyApiToken, JsonNode flyApp) {
    }

    record SettingsView(Flag openrouterApiKey, Flag flyApiToken, Flag flyApp) {
    }

    record Flag(boolean set) {
    }
}
