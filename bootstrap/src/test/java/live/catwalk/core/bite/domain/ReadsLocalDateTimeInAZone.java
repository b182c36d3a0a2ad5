package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReadsLocalDateTimeInAZone {
    Object now() {
        return java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
    }
}
