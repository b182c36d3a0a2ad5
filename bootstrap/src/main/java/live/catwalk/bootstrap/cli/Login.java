package live.catwalk.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CLI keeps the server and token it logs in with: a JSON file, mode 0600 in a 0700 folder
 * ({@code $CATWALK_CLI_CONFIG}, else {@code $XDG_CONFIG_HOME/catwalk/cli.json}, else
 * {@code ~/.config/catwalk/cli.json}). The token is never printed.
 */
final class Login {

    private final Path file;

    private Login(Path file) {
        this.file = file;
    }

    static Login in(Map<String, String> env) {
        String explicit = env.get("CATWALK_CLI_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new Login(Path.of(explicit));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new Login(base.resolve("catwalk").resolve("cli.json"));
    }

    Path file() {
        return file;
    }

    /** Stores {@code server} and {@code token}, readable by this user only. */
    void save(URI server, String token) {
        ObjectNode json = ApiClient.JSON.createObjectNode().put("server", server.toString()).put("token", token);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(dir, ".cli", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, json.toPrettyString() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The stored client; a failure telling how to log in when there is none. */
    ApiClient client() {
        Optional<JsonNode> stored = read();
        if (stored.isEmpty() || !stored.get().hasNonNull("server") || !stored.get().hasNonNull("token")) {
            throw new CliFailure("not logged in; run 'catwalk login --server URL' first (looked in " + file + ")");
        }
        return new ApiClient(URI.create(stored.get().path("server").asText()), stored.get().path("token").asText());
    }

    private Optional<JsonNode> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiClient.JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new CliFailure(file + " is unreadable (" + e.getMessage() + "); log in again");
        }
    }
}
