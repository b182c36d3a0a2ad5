package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code pyproject.toml} (read into a tree) says about a Python package: its PyPI name (only one PyPI
 * accepts), version, description, the commands it installs and whether it depends on an MCP server SDK
 * ({@code mcp}, {@code fastmcp}). PEP 621's {@code [project]} first, Poetry's {@code [tool.poetry]} for what it
 * leaves out. Bounded: at most 100 scripts and 100 dependencies of each table are read. Never throws on a bad tree;
 * what it skips is said in {@link #warnings}. Immutable.
 */
public record PyProject(Optional<String> name, Optional<String> version, Optional<String> description,
                        List<String> scripts, boolean usesMcpSdk, List<String> warnings) {

    /** Python packages an MCP server is built on, by normalised name. */
    public static final List<String> MCP_SDKS = List.of("mcp", "fastmcp");
    private static final int MAX_ITEMS = 100;
    /** PEP 508's project name (case-insensitive), which is what PyPI accepts. */
    private static final Pattern NAME = Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$",
            Pattern.CASE_INSENSITIVE);
    /** A PEP 508 requirement's name: what comes before its extras, version specifiers, URL or marker. */
    private static final Pattern REQUIREMENT = Pattern.compile(
            "^\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]{0,200}[A-Za-z0-9])?)\\s*(?:$|[\\[(<>=!~;@\\s])");

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

    /** Reads a {@code pyproject.toml}'s tree; {@code root} may be null or not an object (then it is unreadable). */
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
        scripts(project.path("scripts"), scripts, warnings);
        scripts(poetry.path("scripts"), scripts, warnings);
        boolean pep621Sdk = pep621UsesSdk(project.path("dependencies"), warnings);
        boolean poetrySdk = poetryUsesSdk(poetry.path("dependencies"), warnings);
        return new Parsed.Read(new PyProject(name, text(project, "version").or(() -> text(poetry, "version")),
                text(project, "description").or(() -> text(poetry, "description")), scripts,
                pep621Sdk || poetrySdk, warnings));
    }

    /** PEP 503's normal form of a project name: lower case, each run of {@code -_.} one {@code -}. */
    static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** A PEP 508 requirement's normalised name ({@code mcp} for {@code "MCP[cli] >=1.2; python_version>'3.10'"}). */
    static Optional<String> requirementName(String requirement) {
        Matcher m = REQUIREMENT.matcher(requirement);
        return m.find() ? Optional.of(normalised(m.group(1))) : Optional.empty();
    }

    private static void scripts(JsonNode table, List<String> scripts, List<String> warnings) {
        Iterator<String> names = table.isObject() ? table.fieldNames() : List.<String>of().iterator();
        while (names.hasNext()) {
            String script = names.next().strip();
            if (scripts.size() == MAX_ITEMS) {
                warnings.add("it declares more than " + MAX_ITEMS + " scripts; the rest were not read");
                return;
            }
            if (!script.isEmpty() && !scripts.contains(script)) {
                scripts.add(ManifestJson.bounded(script));
            }
        }
    }

    /** PEP 621's {@code dependencies}: an array of PEP 508 requirement strings. */
    private static boolean pep621UsesSdk(JsonNode dependencies, List<String> warnings) {
        boolean sdk = false;
        int read = 0;
        for (JsonNode dependency : dependencies.isArray() ? dependencies : List.<JsonNode>of()) {
            if (++read > MAX_ITEMS) {
                warnings.add("it lists more than " + MAX_ITEMS + " dependencies; the rest were not read");
                break;
            }
            sdk |= dependency.isTextual()
                    && requirementName(dependency.asText()).filter(MCP_SDKS::contains).isPresent();
        }
        return sdk;
    }

    /** Poetry's {@code dependencies}: a table whose keys are the names. */
    private static boolean poetryUsesSdk(JsonNode dependencies, List<String> warnings) {
        boolean sdk = false;
        int read = 0;
        Iterator<String> names = dependencies.isObject() ? dependencies.fieldNames() : List.<String>of().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (++read > MAX_ITEMS) {
                warnings.add("[tool.poetry] lists more than " + MAX_ITEMS + " dependencies; the rest were not read");
                break;
            }
            sdk |= MCP_SDKS.contains(normalised(name.strip()));
        }
        return sdk;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return ManifestJson.text(node.get(field));
    }
}
