package live.catwalk.core.analysis.port.out;

import java.util.Optional;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelQuestion;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * A language model asked to fill the gaps the facts left (OpenRouter's chat completions): one bounded request with
 * a JSON-schema response format, the answer checked against that schema and asked for once more when it is not
 * valid. What it says is a guess for the caller to confirm. Thread-safe. Throws {@code CatwalkException}
 * UPSTREAM_UNAVAILABLE {@code model_unavailable} when the model cannot be asked, times out or answers invalidly
 * twice; the hint says what to do. Keys never appear in messages or logs.
 */
public interface ModelAdvisor {

    /** Whether a key is configured for the server as a whole ({@code OPENROUTER_API_KEY}). */
    boolean hasServerKey();

    /**
     * Asks the model {@code question}, with {@code usersKey} when given (a person's own key wins) and the server's
     * key otherwise. Empty when there is no key to ask with.
     */
    Optional<ModelAnswer> ask(ModelQuestion question, Optional<SecretValue> usersKey);
}
