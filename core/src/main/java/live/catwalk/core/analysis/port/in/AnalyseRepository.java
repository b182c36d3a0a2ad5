package live.catwalk.core.analysis.port.in;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.analysis.domain.AnalysisJob;
import live.catwalk.core.deployment.domain.ValidationProblem;

/**
 * Starts analysing a GitHub repository for its caller and returns at once: the job to poll (already succeeded
 * when the same folder and commit were analysed within a day, unless {@code force}), or the problem with
 * {@code repo} — refused before anything is asked of GitHub. Throws LIMIT_EXCEEDED ({@code too_many_analyses})
 * when the caller already has {@link #MAX_RUNNING_PER_USER} analyses under way, ({@code analysis_rate_limited}, with
 * a retry-after) when the caller has started as many analyses as the configured rate allows, or ({@code
 * analyses_busy}) when the server is at its bound.
 */
@FunctionalInterface
public interface AnalyseRepository {

    /** The most analyses one user may have queued or running at once. */
    int MAX_RUNNING_PER_USER = 3;

    /** Either the job, or the problems with the request. */
    sealed interface Result {
        record Started(AnalysisJob job) implements Result {
            public Started {
                Objects.requireNonNull(job, "job");
            }
        }

        record Rejected(List<ValidationProblem> problems) implements Result {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    /** {@code repo}: {@code https://github.com/owner/name[/tree/ref[/folder]]}, {@code github.com/…} or {@code owner/name}. */
    Result start(Principal caller, String repo, boolean force);
}
