package live.catwalk.core.health.domain;

import java.util.Locale;

/** Whether a component, or Catwalk as a whole, can serve requests. */
public enum HealthStatus {
    OK,
    DOWN;

    /** The lower-case wire name, {@code ok} or {@code down}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
