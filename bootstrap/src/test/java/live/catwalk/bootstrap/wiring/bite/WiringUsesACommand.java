package live.catwalk.bootstrap.wiring.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class WiringUsesACommand {
    void version() {
        live.catwalk.bootstrap.command.Main.main(new String[] {"--version"});
    }
}
