package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * What a {@code package.json} says about a Node package: its npm name (only when npm would accept it), version,
 * the commands it installs ({@code bin}), its MCP registry name ({@code mcpName}), whether it is private (never
 * published), and whether it depends on an MCP server SDK. Immutable.
 */
public record PackageJson(Optional<String> name, Optional<String> version, Optional<String> description,
                          List<String> bins, Optional<String> mcpName, boolean isPrivate, boolean usesMcpSdk) {

    /** The longest {@code package.json} read. */
    public static final int MAX_BYTES = 256 * 1024;
    /** Packages a Node MCP server is built on. */
    public static final Set<String> MCP_SDKS = Set.of("@modelcontextprotocol/sdk", "fastmcp", "mcp-framework");
    private static final int MAX_BINS = 20;

    public PackageJson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mcpName, "mcpName");
        bins = List.copyOf(bins);
    }

    /** The file read, or why it cannot be. */
    public sealed interface Parsed {

        record Read(PackageJson packageJson) implements Parsed {
        }

        /** Not a {@code package.json} Catwalk can read; {@code problem} says why, for a warning. */
        record Unreadable(String problem) implements Parsed {
        }
    }

    /** Reads a {@code package.json}'s text. */
    public static Parsed parse(String text) {
        JsonNode root;
        switch (ManifestJson.read("package.json", text, MAX_BYTES)) {
            case ManifestJson.Root.Read read -> root = read.object();
            case ManifestJson.Root.Unreadable unreadable -> {
                return new Parsed.Unreadable(unreadable.problem());
            }
        }
        Optional<String> name = text(root, "name")
                .filter(n -> PackageRef.problem(Registry.NPM, n, Optional.empty()).isEmpty());
        List<String> bins = new ArrayList<>();
        JsonNode bin = root.path("bin");
        if (bin.isTextual() && name.isPresent()) { // "bin": "cli.js" installs the package's own name (unscoped)
            String n = name.get();
            bins.add(n.startsWith("@") ? n.substring(n.indexOf('/') + 1) : n);
        } else if (bin.isObject()) {
            bin.fieldNames().forEachRemaining(b -> {
                if (bins.size() < MAX_BINS && !b.isBlank()) {
                    bins.add(ManifestJson.bounded(b));
                }
            });
        }
        boolean sdk = false;
        for (String field : List.of("dependencies", "peerDependencies")) {
            JsonNode deps = root.path(field);
            sdk |= MCP_SDKS.stream().anyMatch(deps::has);
        }
        return new Parsed.Read(new PackageJson(name, text(root, "version"), text(root, "description"), bins,
                text(root, "mcpName"), root.path("private").asBoolean(false), sdk));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return ManifestJson.text(node.get(field));
    }
}
