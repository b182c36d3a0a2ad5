package live.catwalk.core.bite.port.out;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class OutPortAsClass {
    public void save(Object thing) {
    }
}
