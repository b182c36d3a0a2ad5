package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class MutableValue {
    private String name;

    public void rename(String name) {
        this.name = name;
    }
}
