package live.catwalk.core.bite.domain;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class PrintsToStdout {
    void say() {
        System.out.println("deployment started");
    }
}
