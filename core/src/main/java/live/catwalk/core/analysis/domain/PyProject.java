package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code pyproject.toml} (read into a tree) says about a Python package: its PyPI name (only one PyPI
 * accepts), version, description, the commands it installs ({@code [project.scripts]}) and whether it depends on an
 * MCP server SDK ({@code mcp}, {@code fastmcp}). PEP 621's {@code [project]} first, Poetry's
 * {@code [tool.poetry]} for what it leaves out. Bounded; immutable.
 */
public record PyProject(Optional<String> name, Optional<String> version, Optional<String> description,
                        List<String> scripts, boolean usesMcpSdk, List<String> warnings) {

    /** Python packages an MCP server is built on, by normalised name. */
    public static final List<String> MCP_SDKS = List.of("mcp", "fastmcp");
    private static final int MAX_ITEMS = 100;
    private static final Pattern NAME = Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REQUIREMENT_NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");

    public PyProject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        scripts = List.copyOf(scripts);
        warnings = List.copyOf(warnings);
    }

    /** The file read, or why it cannot be. */
    public sealed interface Parsed {
        /** A {@code pyproject.toml}. */
        record Read(PyProject pyProject) implements Parsed {
        }

        /** Not one Catwalk can read; {@code problem} says why, for a warning. */
        record Unreadable(String problem) implements Parsed {
        }
    }

    /** Reads a {@code pyproject.toml}'s tree. */
    public static Parsed of(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Parsed.Unreadable("pyproject.toml is not a TOML document with tables");
        }
        JsonNode project = root.path("project");
        JsonNode poetry = root.path("tool").path("poetry");
        List<String> warnings = new ArrayList<>();
        Optional<String> name = text(project, "name").or(() -> text(poetry, "name"));
        if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
            warnings.add("its name '" + name.get() + "' is not a PyPI project name; it was ignored");
            name = Optional.empty();
        }
        List<String> scripts = new ArrayList<>();
        for (JsonNode table : List.of(project.path("scripts"), poetry.path("scripts"))) {
            table.fieldNames().forEachRemaining(s -> {
                if (scripts.size() < MAX_ITEMS && !scripts.contains(s)) {
                    scripts.add(ManifestJson.bounded(s));
                }
            });
        }
        boolean sdk = false;
        int read = 0;
        for (JsonNode dep : project.path("dependencies")) {
            if (++read > MAX_ITEMS) {
                break;
            }
            var m = REQUIREMENT_NAME.matcher(dep.asText(""));
            sdk |= m.find() && MCP_SDKS.contains(normalised(m.group(1)));
        }
        var names = poetry.path("dependencies").fieldNames();
        while (names.hasNext() && read++ <= MAX_ITEMS) {
            sdk |= MCP_SDKS.contains(normalised(names.next()));
        }
        return new Parsed.Read(new PyProject(name, text(project, "version").or(() -> text(poetry, "version")),
                text(project, "description").or(() -> text(poetry, "description")), scripts, sdk, warnings));
    }

    /** PEP 503's normal form: lower case, runs of {@code -_.} as one {@code -}. */
    static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static Optional<String> text(JsonNode node, String field) {
        return ManifestJson.text(node.get(field));
    }
}
