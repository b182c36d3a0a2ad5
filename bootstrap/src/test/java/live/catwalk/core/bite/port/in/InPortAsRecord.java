package live.catwalk.core.bite.port.in;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public record InPortAsRecord(String name) {
}
