package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * An {@link Analysis} as JSON: the one shape the API shows and the cache keeps, each answer with its
 * {@code source} and {@code confidence}. Reading never throws: a text that is not an analysis of this shape (an
 * older cache entry, say) is empty.
 */
public final class AnalysisJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisJson() {
    }

    /** {@code analysis} as a JSON object. */
    public static ObjectNode tree(Analysis a) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode repo = root.putObject("repository");
        repo.put("fullName", a.repository().fullName()).put("url", a.repository().url())
                .put("subdir", a.repository().subdir().orElse(null)).put("ref", a.repository().ref())
                .put("commit", a.repository().commit());
        sourced(root.putObject("isMcpServer").put("value", a.isMcpServer()), a.isMcpServerSource(),
                a.isMcpServerSource().confidence());
        a.pkg().ifPresentOrElse(p -> sourced(root.putObject("package").put("registry", p.registry().wireName())
                        .put("name", p.name()).put("version", p.version().orElse(null))
                        .put("versionInRepo", p.versionInRepo().orElse(null)).put("confirmed", p.confirmed()),
                p.source(), p.confidence()), () -> root.putNull("package"));
        if (a.runtime().isPresent() && a.runtimeSource().isPresent()) {
            sourced(root.putObject("runtime").put("value", a.runtime().get()), a.runtimeSource().get(),
                    a.runtimeSource().get().confidence());
        } else {
            root.putNull("runtime");
        }
        a.command().forEach(root.putArray("command")::add);
        ArrayNode args = root.putArray("requiredArgs");
        a.requiredArgs().forEach(arg -> sourced(args.addObject().put("placeholder", arg.placeholder())
                .put("description", arg.description().orElse(null)).put("example", arg.example().orElse(null)),
                arg.source(), arg.source().confidence()));
        ArrayNode env = root.putArray("env");
        for (EnvVar v : a.env()) {
            ObjectNode e = env.addObject().put("name", v.name()).put("description", v.description().orElse(null))
                    .put("required", v.required()).put("secret", v.secret())
                    .put("default", v.defaultValue().orElse(null)).put("format", v.format());
            v.choices().forEach(e.putArray("choices")::add);
            sourced(e, v.source(), v.source().confidence());
        }
        a.tools().forEach(root.putArray("tools")::add);
        ArrayNode notices = root.putArray("notices");
        a.notices().forEach(n -> notices.addObject().put("code", n.code()).put("message", n.message())
                .put("hint", n.hint().orElse(null)));
        root.put("deterministic", a.deterministic()).put("model", a.model().orElse(null));
        return root;
    }

    /** {@code analysis} as JSON text. */
    public static String write(Analysis analysis) {
        return tree(analysis).toString();
    }

    /** The analysis {@code json} holds, or empty when it holds none of this shape. */
    public static Optional<Analysis> read(String json) {
        try {
            JsonNode r = JSON.readTree(json);
            JsonNode repo = r.required("repository");
            Analysis.Repository repository = new Analysis.Repository(repo.required("fullName").asText(),
                    repo.required("url").asText(), text(repo.get("subdir")), repo.required("ref").asText(),
                    repo.required("commit").asText());
            JsonNode pkgNode = r.get("package");
            Optional<Analysis.FoundPackage> pkg = pkgNode == null || pkgNode.isNull() ? Optional.empty()
                    : Optional.of(new Analysis.FoundPackage(registry(pkgNode.required("registry").asText()),
                    pkgNode.required("name").asText(), text(pkgNode.get("version")),
                    text(pkgNode.get("versionInRepo")), pkgNode.required("confirmed").asBoolean(), source(pkgNode)));
            JsonNode runtime = r.get("runtime");
            boolean hasRuntime = runtime != null && !runtime.isNull();
            List<String> command = strings(r.required("command"));
            List<Analysis.Argument> args = new ArrayList<>();
            for (JsonNode a : r.required("requiredArgs")) {
                args.add(new Analysis.Argument(a.required("placeholder").asText(), text(a.get("description")),
                        text(a.get("example")), source(a)));
            }
            List<EnvVar> env = new ArrayList<>();
            for (JsonNode e : r.required("env")) {
                env.add(new EnvVar(e.required("name").asText(), text(e.get("description")),
                        e.required("required").asBoolean(), e.required("secret").asBoolean(), text(e.get("default")),
                        e.required("format").asText(), strings(e.path("choices")), source(e)));
            }
            List<Notice> notices = new ArrayList<>();
            for (JsonNode n : r.required("notices")) {
                notices.add(new Notice(n.required("code").asText(), n.required("message").asText(),
                        text(n.get("hint"))));
            }
            return Optional.of(new Analysis(repository, r.required("isMcpServer").required("value").asBoolean(),
                    source(r.required("isMcpServer")), pkg,
                    hasRuntime ? Optional.of(runtime.required("value").asText()) : Optional.empty(),
                    hasRuntime ? Optional.of(source(runtime)) : Optional.empty(), command, args, env,
                    strings(r.path("tools")), notices, r.required("deterministic").asBoolean(),
                    text(r.get("model"))));
        } catch (Exception e) { // any shape but this one: not an analysis Catwalk can reuse
            return Optional.empty();
        }
    }

    private static void sourced(ObjectNode node, Source source, Source.Confidence confidence) {
        node.put("source", source.wire()).put("confidence", confidence.wire());
    }

    private static Source source(JsonNode node) {
        String wire = node.required("source").asText();
        for (Source s : Source.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source");
    }

    private static Registry registry(String wire) {
        for (Registry r : Registry.values()) {
            if (r.wireName().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown registry");
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
