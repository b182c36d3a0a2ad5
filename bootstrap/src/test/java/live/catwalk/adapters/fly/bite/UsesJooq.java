package live.catwalk.adapters.fly.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesJooq {
    Object dsl() {
        return org.jooq.BiteStandIn.dsl();
    }
}
