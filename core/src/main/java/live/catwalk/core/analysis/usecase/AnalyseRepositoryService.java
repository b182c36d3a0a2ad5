package live.catwalk.core.analysis.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.analysis.domain.AnalysisJob;
import live.catwalk.core.analysis.domain.GithubRepo;
import live.catwalk.core.analysis.port.in.AnalyseRepository;
import live.catwalk.core.analysis.port.in.GetAnalysis;
import live.catwalk.core.analysis.port.out.AnalysisCache;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.analysis.port.out.ModelAdvisor;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.limit.RateLimit;
import live.catwalk.core.shared.limit.RateWindows;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * Runs analyses on {@code executor}, keeping each job in memory for a day so that its owner can poll it and deploy
 * from it. The caller's own OpenRouter key (from their settings) is used before the server's. Each user may start at
 * most the configured number of analyses a window (counted in memory, per Catwalk). Thread-safe.
 */
public final class AnalyseRepositoryService implements AnalyseRepository, GetAnalysis {

    /** How long a finished job stays readable. */
    public static final Duration KEEP_FOR = Duration.ofHours(24);
    /** The most jobs kept in memory; the oldest finished ones go first. */
    public static final int MAX_JOBS = 10_000;

    private static final Logger LOG = Logger.getLogger(AnalyseRepositoryService.class.getName());

    private final Analyser analyser;
    private final SettingsRepository settings;
    private final SecretCipher cipher;
    private final Executor executor;
    private final Randomness random;
    private final Clock clock;
    private final Map<String, AnalysisJob> jobs = new ConcurrentHashMap<>();
    private final Optional<RateWindows> starts;

    /** The ports an analysis reads through, and where it runs. */
    public record Sources(RepositoryHost host, ManifestFormats formats, PackageRegistry registry,
                          McpRegistry mcpRegistry, ModelAdvisor model, AnalysisCache cache) {
        public Sources {
            Objects.requireNonNull(mcpRegistry, "mcpRegistry");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(formats, "formats");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(cache, "cache");
        }
    }

    /** {@code startsPerUser}: how many analyses one user may start a window; empty for no bound but the running one. */
    public AnalyseRepositoryService(Sources sources, SettingsRepository settings, SecretCipher cipher,
                                    Executor executor, Randomness random, Clock clock,
                                    Optional<RateLimit> startsPerUser) {
        this.analyser = new Analyser(new RepositoryReader(sources.host(), sources.formats()), sources.registry(),
                sources.mcpRegistry(), sources.model(), sources.cache(), clock);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.starts = startsPerUser.map(limit -> new RateWindows(limit, RateWindows.DEFAULT_KEYS, clock));
    }

    @Override
    public Result start(Principal caller, String repo, boolean force) {
        GithubRepo parsed;
        switch (GithubRepo.parse(repo)) {
            case GithubRepo.Parsed.Refused refused -> {
                return new Result.Rejected(List.of(ValidationProblem.of("repo", refused.problem(),
                        "give https://github.com/owner/name, github.com/owner/name or owner/name "
                                + "(a folder as https://github.com/owner/name/tree/branch/folder)")));
            }
            case GithubRepo.Parsed.Repo ok -> parsed = ok.repo();
        }
        Instant now = clock.instant();
        forgetOld(now);
        long running = jobs.values().stream()
                .filter(j -> j.owner().equals(caller.user()) && !j.status().finished()).count();
        if (running >= MAX_RUNNING_PER_USER) {
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "you already have " + running
                            + " analyses under way").withCode("too_many_analyses")
                    .withHint("wait for one to finish (GET /api/analyses/{id}) and try again");
        }
        Optional<Duration> wait = starts.flatMap(w -> w.tryAcquire(caller.user().toString()));
        if (wait.isPresent()) {
            long seconds = RateLimit.seconds(wait.get());
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "you may start at most "
                            + starts.get().limit().describe("analyses") + "; try again in " + seconds + " s")
                    .withCode("analysis_rate_limited").withRetryAfter(Duration.ofSeconds(seconds))
                    .withHint("an analysis of the same commit within a day is served from the cache: poll the one "
                            + "you started (GET /api/analyses/{id})");
        }
        AnalysisJob job = AnalysisJob.queued(random.uuid().toString(), caller.user(), parsed, now);
        jobs.put(job.id(), job);
        try {
            executor.execute(() -> run(job, force));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "Catwalk is analysing as many "
                    + "repositories as it can").withCode("analyses_busy").withHint("try again in a minute");
        }
        return new Result.Started(jobs.get(job.id()));
    }

    @Override
    public Optional<AnalysisJob> get(Principal caller, String id) {
        return Optional.ofNullable(id).map(jobs::get).filter(j -> j.owner().equals(caller.user()))
                .filter(j -> j.updatedAt().plus(KEEP_FOR).isAfter(clock.instant()));
    }

    private void run(AnalysisJob queued, boolean force) {
        String id = queued.id();
        try {
            Analyser.Outcome outcome = analyser.analyse(queued.repo(), force, usersKey(queued.owner()),
                    step -> jobs.computeIfPresent(id, (k, j) -> j.at(step, clock.instant())));
            jobs.computeIfPresent(id, (k, j) -> j.succeeded(outcome.analysis(), outcome.cached(), clock.instant()));
        } catch (CatwalkException e) {
            AnalysisJob.Failure why = e.kind() == CatwalkException.Kind.INTERNAL
                    ? internal(queued, e) : new AnalysisJob.Failure(e.code(), e.getMessage(), e.hint());
            jobs.computeIfPresent(id, (k, j) -> j.failed(why, clock.instant()));
        } catch (RuntimeException e) {
            AnalysisJob.Failure why = internal(queued, e);
            jobs.computeIfPresent(id, (k, j) -> j.failed(why, clock.instant()));
        }
    }

    private static AnalysisJob.Failure internal(AnalysisJob job, RuntimeException e) {
        LOG.log(Level.WARNING, "analysis " + job.id() + " of " + job.repo() + " failed", e);
        return new AnalysisJob.Failure("internal", "the analysis failed unexpectedly",
                Optional.of("try again; if it keeps failing, the server's log says why (analysis " + job.id() + ")"));
    }

    private Optional<SecretValue> usersKey(UserId owner) {
        return settings.find(owner, SettingName.OPENROUTER_API_KEY)
                .map(sealed -> cipher.open(sealed, new SecretScope.OfSetting(owner, SettingName.OPENROUTER_API_KEY)));
    }

    /** Drops jobs past their day, and the oldest finished ones when there are too many. */
    private void forgetOld(Instant now) {
        jobs.values().removeIf(j -> j.status().finished() && !j.updatedAt().plus(KEEP_FOR).isAfter(now));
        if (jobs.size() >= MAX_JOBS) {
            jobs.values().stream().filter(j -> j.status().finished())
                    .sorted(java.util.Comparator.comparing(AnalysisJob::updatedAt))
                    .limit(jobs.size() - MAX_JOBS + 1L).map(AnalysisJob::id).toList().forEach(jobs::remove);
        }
    }
}
