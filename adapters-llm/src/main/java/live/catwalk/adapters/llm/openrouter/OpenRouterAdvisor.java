package live.catwalk.adapters.llm.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.adapters.llm.http.SourceBuilder;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelQuestion;
import live.catwalk.core.analysis.port.out.ModelAdvisor;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;

/**
 * OpenRouter's chat completions as a {@link ModelAdvisor}: one bounded POST with a strict JSON-schema response
 * format, the answer checked by {@link AnswerReader}, asked once more when it is not valid. Thread-safe.
 */
public final class OpenRouterAdvisor implements ModelAdvisor {

    /** A capable, inexpensive model that supports structured outputs on OpenRouter. */
    public static final String DEFAULT_MODEL = "google/gemini-2.5-flash";

    private final BoundedHttp http;
    private final URI completions;
    private final Optional<SecretValue> serverKey;
    private final String model;
    private final int maxTokens;
    private final String setting;

    private OpenRouterAdvisor(Builder b) {
        this.http = b.http();
        this.completions = b.base().resolve("chat/completions");
        this.serverKey = b.serverKey;
        this.model = b.model;
        this.maxTokens = b.maxTokens;
        this.setting = b.setting();
    }

    /** Starts a builder over the JDK client to use. */
    public static Builder builder(HttpClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    @Override
    public boolean hasServerKey() {
        return serverKey.isPresent();
    }

    @Override
    public Optional<ModelAnswer> ask(ModelQuestion question, Optional<SecretValue> usersKey) {
        Optional<SecretValue> key = usersKey.or(() -> serverKey);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonNode response = post(Prompt.body(question, model, maxTokens, attempt > 0).toString(), key.get());
            Optional<ModelAnswer> answer = AnswerReader.read(response, model);
            if (answer.isPresent()) {
                return answer;
            }
        }
        throw unavailable("the model answered invalid JSON twice", "try again, or choose another model with "
                + "CATWALK_OPENROUTER_MODEL");
    }

    private JsonNode post(String body, SecretValue key) {
        HttpRequest request = HttpRequest.newBuilder(completions).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key.reveal()).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-Title", "Catwalk").header("User-Agent", "catwalk")
                .build();
        String where = SourceBuilder.reachHint(completions, setting, "an OpenRouter API");
        BoundedHttp.Answer answer = http.send(request, what -> unavailable("OpenRouter " + what, where));
        int status = answer.status();
        return switch (status) {
            case 200 -> BoundedHttp.tree(answer.body(), what -> unavailable("OpenRouter " + what, where));
            case 401, 403 -> throw unavailable("OpenRouter refused the key (HTTP " + status + ")",
                    "check OPENROUTER_API_KEY, or the OpenRouter key in your settings");
            case 402 -> throw unavailable("OpenRouter says the key is out of credits (HTTP 402)",
                    "add credits to the OpenRouter account, or use another key");
            case 429 -> throw unavailable("OpenRouter is rate limiting us (HTTP 429)", "retry after "
                    + answer.headers().firstValueAsLong("retry-after").orElse(60) + " seconds");
            default -> throw unavailable("OpenRouter " + (status >= 500 || status == 408 ? "failed" : "answered")
                    + " (HTTP " + status + ")", where);
        };
    }

    private static CatwalkException unavailable(String what, String hint) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, what).withCode("model_unavailable")
                .withHint(hint);
    }

    /** Options with OpenRouter's defaults: {@value #DEFAULT_MODEL}, 60 s per request, 1500 answer tokens. */
    public static final class Builder extends SourceBuilder<Builder> {
        private Optional<SecretValue> serverKey = Optional.empty();
        private String model = DEFAULT_MODEL;
        private int maxTokens = 1500;

        private Builder(HttpClient client) {
            super(client, URI.create("https://openrouter.ai/api/v1/"), Duration.ofSeconds(60), 4L * 1024 * 1024,
                    "CATWALK_OPENROUTER_URL");
        }

        /** The key used when a person has none of their own. */
        public Builder serverKey(SecretValue key) {
            this.serverKey = Optional.of(key);
            return this;
        }

        public Builder model(String id) {
            this.model = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder maxTokens(int tokens) {
            if (tokens < 100 || tokens > 32_000) {
                throw new IllegalArgumentException("maxTokens is 100 to 32000");
            }
            this.maxTokens = tokens;
            return this;
        }

        public OpenRouterAdvisor build() {
            return new OpenRouterAdvisor(this);
        }
    }
}
