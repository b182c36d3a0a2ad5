package live.catwalk.core.analysis.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.domain.UserId;

/**
 * One request to analyse a repository, as its owner polls it: queued, running (with the step it is at),
 * succeeded with its {@link Analysis}, or failed with a {@link Failure}. Immutable; each change is a new value.
 *
 * @param cached whether the analysis was reused from an earlier one of the same commit
 */
public record AnalysisJob(String id, UserId owner, GithubRepo repo, Status status, Step step, Instant createdAt,
                          Instant updatedAt, Optional<Analysis> analysis, Optional<Failure> failure, boolean cached) {

    public AnalysisJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(failure, "failure");
        if (analysis.isPresent() != (status == Status.SUCCEEDED) || failure.isPresent() != (status == Status.FAILED)) {
            throw new IllegalArgumentException("a succeeded job has an analysis and a failed one a failure, only they");
        }
    }

    /** Where a job is. */
    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        /** Whether the job is over. */
        public boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /** The steps of an analysis, in order; {@link #label()} says what is happening, for a person. */
    public enum Step {
        QUEUED("waiting to start"),
        REPOSITORY("finding the repository and its commit"),
        FILES("reading the repository's files"),
        REGISTRIES("checking the package registries"),
        MODEL("asking the model about what the files leave open"),
        DONE("done");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The step's place, from 1 for the first to {@link #count()} for the last. */
        public int number() {
            return ordinal() + 1;
        }

        public static int count() {
            return values().length;
        }
    }

    /** Why an analysis failed: a stable code, a message and a hint for a person; never a secret. */
    public record Failure(String code, String message, Optional<String> hint) {
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
        }
    }

    /** A new job, queued. */
    public static AnalysisJob queued(String id, UserId owner, GithubRepo repo, Instant now) {
        return new AnalysisJob(id, owner, repo, Status.QUEUED, Step.QUEUED, now, now, Optional.empty(),
                Optional.empty(), false);
    }

    /** This job, running at {@code next}. */
    public AnalysisJob at(Step next, Instant now) {
        return new AnalysisJob(id, owner, repo, Status.RUNNING, next, createdAt, now, analysis, failure, cached);
    }

    /** This job, done with {@code result}. */
    public AnalysisJob succeeded(Analysis result, boolean reused, Instant now) {
        return new AnalysisJob(id, owner, repo, Status.SUCCEEDED, Step.DONE, createdAt, now, Optional.of(result),
                Optional.empty(), reused);
    }

    /** This job, failed at its current step. */
    public AnalysisJob failed(Failure why, Instant now) {
        return new AnalysisJob(id, owner, repo, Status.FAILED, step, createdAt, now, Optional.empty(),
                Optional.of(why), cached);
    }
}
