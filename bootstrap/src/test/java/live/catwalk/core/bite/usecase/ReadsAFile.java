package live.catwalk.core.bite.usecase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class ReadsAFile {
    String read() throws IOException {
        return Files.readString(Path.of("deployments.json"));
    }
}
