package live.catwalk.core.analysis.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.AnalysisJob.Step;
import live.catwalk.core.analysis.domain.AnalysisJson;
import live.catwalk.core.analysis.domain.CachedAnalysis;
import live.catwalk.core.analysis.domain.EnvVar;
import live.catwalk.core.analysis.domain.Facts;
import live.catwalk.core.analysis.domain.GithubRepo;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelQuestion;
import live.catwalk.core.analysis.domain.ModelQuestion.Gap;
import live.catwalk.core.analysis.domain.Notice;
import live.catwalk.core.analysis.port.out.AnalysisCache;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.analysis.port.out.ModelAdvisor;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.shared.CatwalkException;

/**
 * Analyses one repository: the facts first, then the registries to confirm a package, then — only for what is
 * still open and only with a key — the model, whose guesses are confirmed or marked. Results are cached per
 * repository folder and commit. Thread-safe.
 */
final class Analyser {

    /** How long a result is reused: its commit never changes, but a registry's latest version does. */
    static final Duration CACHE_FOR = Duration.ofHours(24);
    /** The most package candidates looked up on a registry per analysis. */
    static final int MAX_LOOKUPS = 5;

    /** An analysis and whether it was reused from the cache. */
    record Outcome(Analysis analysis, boolean cached) {
    }

    private final RepositoryReader reader;
    private final RegistryEntries entries;
    private final Packages packages;
    private final ModelAdvisor model;
    private final AnalysisCache cache;
    private final Clock clock;

    Analyser(RepositoryReader reader, PackageRegistry registry, McpRegistry mcpRegistry, ModelAdvisor model,
             AnalysisCache cache, Clock clock) {
        this.reader = reader;
        this.entries = new RegistryEntries(mcpRegistry);
        this.packages = new Packages(registry);
        this.model = model;
        this.cache = cache;
        this.clock = clock;
    }

    Outcome analyse(GithubRepo repo, boolean force, Optional<SecretValue> usersKey, Consumer<Step> progress) {
        progress.accept(Step.REPOSITORY);
        RepositoryReader.Found found = reader.find(repo);
        boolean canAsk = usersKey.isPresent() || model.hasServerKey();
        String key = cacheKey(repo, found.commit(), canAsk);
        if (!force) {
            Optional<Analysis> cached = cache.find(key, clock.instant()).flatMap(c -> AnalysisJson.read(c.json()));
            if (cached.isPresent()) {
                return new Outcome(cached.get(), true);
            }
        }
        progress.accept(Step.FILES);
        RepositoryReader.Read read = reader.read(repo, found);
        progress.accept(Step.REGISTRIES);
        List<Notice> notices = new ArrayList<>(read.facts().notices());
        Facts facts = entries.declare(read.facts(), repo, found.repository().fullName(), notices);
        Packages.Choice choice = packages.choose(facts.candidates().stream().limit(MAX_LOOKUPS).toList());
        notices.addAll(choice.notices());
        Draft draft = Draft.of(facts, choice);

        Optional<String> asked = Optional.empty();
        Set<Gap> gaps = gaps(facts, draft);
        if (canAsk && !gaps.isEmpty()) {
            progress.accept(Step.MODEL);
            try {
                Optional<ModelAnswer> answer = model.ask(question(found, read, facts, draft, gaps), usersKey);
                if (answer.isPresent()) {
                    asked = Optional.of(answer.get().model());
                    draft = new Guesses(packages, read.files(), facts).apply(draft, answer.get(), gaps, notices);
                }
            } catch (CatwalkException e) {
                if (e.kind() != CatwalkException.Kind.UPSTREAM_UNAVAILABLE) {
                    throw e;
                }
                notices.add(new Notice("model_unavailable", e.getMessage() + "; this analysis uses the facts only",
                        e.hint()));
            }
        }
        Analysis analysis = draft.toAnalysis(new Analysis.Repository(found.repository().fullName(), repo.htmlUrl(),
                repo.subdir(), found.ref(), found.commit()), facts, notices, asked);
        Instant now = clock.instant();
        cache.put(new CachedAnalysis(key, AnalysisJson.write(analysis), now, now.plus(CACHE_FOR)));
        return new Outcome(analysis, false);
    }

    /** What the facts and registries leave open, for the model. */
    private static Set<Gap> gaps(Facts facts, Draft draft) {
        Set<Gap> gaps = EnumSet.noneOf(Gap.class);
        if (!facts.isMcpServer()) {
            gaps.add(Gap.IS_MCP_SERVER);
        }
        if (draft.pkg().filter(Analysis.FoundPackage::confirmed).isEmpty()) {
            gaps.add(Gap.PACKAGE);
        }
        boolean declared = facts.serverJson().isPresent() || !facts.smitheryEnv().isEmpty();
        if (!declared && draft.env().isEmpty()) {
            gaps.add(Gap.ENV);
        }
        if (!gaps.isEmpty() && draft.args().isEmpty()) {
            gaps.add(Gap.ARGS);
        }
        return gaps;
    }

    private static ModelQuestion question(RepositoryReader.Found found, RepositoryReader.Read read, Facts facts,
                                          Draft draft, Set<Gap> gaps) {
        StringBuilder known = new StringBuilder();
        known.append(facts.isMcpServer() ? "It is an MCP server: " : "No sign yet that it is an MCP server: ")
                .append(String.join("; ", facts.evidence())).append('\n');
        draft.pkg().ifPresent(p -> known.append("Package: ").append(p.registry().wireName()).append(' ')
                .append(p.name()).append(p.confirmed() ? " (confirmed)" : " (not found on its registry)").append('\n'));
        if (!draft.env().isEmpty()) {
            known.append("Variables found: ")
                    .append(String.join(", ", draft.env().stream().map(EnvVar::name).toList())).append('\n');
        }
        facts.runtime().ifPresent(r -> known.append("Runtime: ").append(r).append('\n'));
        return new ModelQuestion(found.repository().fullName() + read.files().scope().map(s -> " (folder " + s + ")")
                .orElse(""), read.files().readme().orElse(""), read.files().paths(), known.toString(), gaps);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One key per repository folder and commit, and per whether a model may fill the gaps. */
    static String cacheKey(GithubRepo repo, String commit, boolean withModel) {
        String folder = repo.subdir().map(s -> "/" + s).orElse("");
        String key = "github.com/" + repo.fullName().toLowerCase(java.util.Locale.ROOT) + folder + "@" + commit
                + (withModel ? "#model" : "#facts");
        return key.length() <= CachedAnalysis.MAX_KEY ? key : "github:" + sha256(key);
    }
}
