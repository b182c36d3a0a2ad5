package live.catwalk.bootstrap.config.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ConfigUsesACommand {
    void version() {
        live.catwalk.bootstrap.command.Main.main(new String[] {"--version"});
    }
}
