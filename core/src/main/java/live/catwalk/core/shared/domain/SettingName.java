package live.catwalk.core.shared.domain;

import java.util.Locale;

/** A per-user secret setting; values are write-only and stored sealed. */
public enum SettingName {
    /** The user's own OpenRouter API key, used for their analyses instead of the server's. */
    OPENROUTER_API_KEY,
    /** The user's own Fly.io API token: with {@link #FLY_APP}, their deployments run on Machines of their app. */
    FLY_API_TOKEN,
    /** The Fly.io app the user's deployments run in, with their own {@link #FLY_API_TOKEN}. */
    FLY_APP;

    /** The name as stored and as shown in the API, e.g. {@code openrouter_api_key}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
