package live.catwalk.core.shared.domain;

import java.util.Locale;

/** A per-user secret setting; values are write-only and stored sealed. */
public enum SettingName {
    /** The user's own OpenRouter API key, used for their analyses instead of the server's. */
    OPENROUTER_API_KEY,
    /** The user's own Fly.io API token, used to run their deployments on their Fly organisation. */
    FLY_API_TOKEN;

    /** The name as stored and as shown in the API, e.g. {@code openrouter_api_key}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
