package live.catwalk.core.analysis.port.in;

import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.analysis.domain.AnalysisJob;

/**
 * One of the caller's analyses as it is now (queued, running at a step, succeeded or failed); empty when there is
 * none by that id, it is another user's, or it has expired (analyses are kept for a day).
 */
@FunctionalInterface
public interface GetAnalysis {

    Optional<AnalysisJob> get(Principal caller, String id);
}
