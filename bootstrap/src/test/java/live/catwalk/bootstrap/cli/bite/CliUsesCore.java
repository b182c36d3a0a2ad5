package live.catwalk.bootstrap.cli.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class CliUsesCore {
    String id() {
        return new live.catwalk.core.shared.domain.DeploymentId("d1").value();
    }
}
