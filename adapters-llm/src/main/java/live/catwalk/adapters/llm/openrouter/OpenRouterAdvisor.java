package live.catwalk.adapters.llm.openrouter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.adapters.llm.http.SourceBuilder;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelQuestion;
import live.catwalk.core.analysis.port.out.ModelAdvisor;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;

/**
 * OpenRouter's chat completions as a {@link ModelAdvisor}: one bounded POST per attempt with a strict JSON-schema
 * response format, asked once more only when the answer is not valid for the schema; an HTTP error is never retried.
 * Thread-safe.
 */
public final class OpenRouterAdvisor implements ModelAdvisor {

    /**
     * Inexpensive, not a reasoning model (so the whole token budget goes to the answer), and served with OpenAI's
     * own strict structured outputs, whose schema dialect is exactly the one {@link AnswerSchema} writes.
     */
    public static final String DEFAULT_MODEL = "openai/gpt-4.1-mini";
    /** OpenRouter's API root; {@code chat/completions} is resolved against it. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://openrouter.ai/api/v1/");

    /** The default bound on an answer: a 1500-token completion is a few kilobytes, with room for metadata. */
    private static final long MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/@+-]{1,200}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,6}");
    private static final String CODE = "model_unavailable";

    private final BoundedHttp http;
    private final URI completions;
    private final Optional<SecretValue> serverKey;
    private final String model;
    private final int maxTokens;
    private final String setting;

    private OpenRouterAdvisor(Builder b) {
        this.http = b.http();
        this.completions = b.base().resolve("chat/completions");
        this.serverKey = b.serverKey.filter(OpenRouterAdvisor::present);
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
        Objects.requireNonNull(question, "question");
        Optional<Key> key = usersKey.filter(OpenRouterAdvisor::present).map(k -> new Key(k, true))
                .or(() -> serverKey.map(k -> new Key(k, false)));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String authorization = authorization(key.get());
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<ModelAnswer> answer = once(question, authorization, key.get(), attempt > 0);
            if (answer.isPresent()) {
                return answer;
            }
        }
        throw unavailable("the model answered invalid JSON twice", "try again, or choose a model that supports "
                + "structured outputs with CATWALK_OPENROUTER_MODEL (now " + model + ")");
    }

    /** Which key asks, and whose it is, so that a hint can say which one to fix. */
    private record Key(SecretValue secret, boolean users) {
    }

    private Optional<ModelAnswer> once(ModelQuestion question, String authorization, Key key, boolean retry) {
        HttpRequest request = HttpRequest.newBuilder(completions)
                .POST(HttpRequest.BodyPublishers.ofString(Prompt.body(question, model, maxTokens, retry).toString()))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("User-Agent", "catwalk").header("X-Title", "Catwalk")
                .build();
        BoundedHttp.Answer answer = http.send(request, what -> unavailable("OpenRouter " + what, unreachable()));
        if (answer.status() / 100 != 2) {
            throw failed(answer.status(), answer.headers(), key);
        }
        return Completion.read(answer.body()).flatMap(c -> AnswerSchema.read(c.content(), c.model().orElse(model)));
    }

    /** The one place where OpenRouter's HTTP status becomes an outcome; never names the key itself. */
    private CatwalkException failed(int status, HttpHeaders headers, Key key) {
        String http = " (HTTP " + status + ")";
        return switch (status) {
            case 401 -> unavailable("OpenRouter refused the key" + http, "check " + whose(key));
            case 403 -> unavailable("OpenRouter refused the key or the request" + http, "the model's moderation may "
                    + "have flagged the repository's text (try another model with CATWALK_OPENROUTER_MODEL), or the "
                    + "key may not be allowed to use " + model + ": check " + whose(key));
            case 402 -> unavailable("OpenRouter says the key is out of credits" + http, key.users()
                    ? "add credits to your OpenRouter account, or put another key in your settings"
                    : "add credits to the OpenRouter account of OPENROUTER_API_KEY, or add your own OpenRouter key "
                    + "in your settings");
            case 429 -> unavailable("OpenRouter is rate limiting the key" + http, retryAfter(headers)
                    + (key.users() ? "" : ", or add your own OpenRouter key in your settings"));
            case 408 -> unavailable("OpenRouter timed out" + http, outage());
            default -> status >= 500 ? unavailable("OpenRouter failed" + http, outage()) : refused(status);
        };
    }

    private CatwalkException refused(int status) {
        if (status >= 400) {
            return unavailable("OpenRouter refused the request (HTTP " + status + ")", "check that "
                    + "CATWALK_OPENROUTER_MODEL names a model OpenRouter serves with structured outputs (now " + model
                    + ")");
        }
        return unavailable("OpenRouter answered HTTP " + status, unreachable());
    }

    private static String whose(Key key) {
        return key.users() ? "the OpenRouter key in your settings" : "OPENROUTER_API_KEY";
    }

    private static String retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse("").strip();
        if (SECONDS.matcher(value).matches()) {
            return "wait " + Long.parseLong(value) + " seconds, then try again";
        }
        try {
            return "try again after " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    DateTimeFormatter.RFC_1123_DATE_TIME.parse(value));
        } catch (DateTimeParseException e) {
            return "wait a minute, then try again";
        }
    }

    private String outage() {
        return "OpenRouter or its providers for " + model + " may be down: try again later, or choose another model "
                + "with CATWALK_OPENROUTER_MODEL. Catwalk asked " + BoundedHttp.shown(completions) + " (set by "
                + setting + ")";
    }

    private String unreachable() {
        return SourceBuilder.reachHint(completions, setting, "an OpenRouter API");
    }

    /** The header value; a key that cannot be one fails here, before a request, without showing it. */
    private static String authorization(Key key) {
        String k = key.secret().reveal().strip();
        if (!k.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw unavailable("the OpenRouter key holds characters no key has (spaces or control characters)",
                    "check " + whose(key));
        }
        return "Bearer " + k;
    }

    private static boolean present(SecretValue key) {
        return !key.reveal().isBlank();
    }

    private static CatwalkException unavailable(String what, String hint) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, what).withCode(CODE).withHint(hint);
    }

    /** Options with OpenRouter's defaults: {@value #DEFAULT_MODEL}, 60 s per request, 1500 answer tokens. */
    public static final class Builder extends SourceBuilder<Builder> {
        private Optional<SecretValue> serverKey = Optional.empty();
        private String model = DEFAULT_MODEL;
        private int maxTokens = 1500;

        private Builder(HttpClient client) {
            super(client, DEFAULT_BASE_URI, Duration.ofSeconds(60), MAX_RESPONSE_BYTES, "CATWALK_OPENROUTER_URL");
        }

        /** The key used when a person has none of their own ({@code OPENROUTER_API_KEY}); a blank one is none. */
        public Builder serverKey(SecretValue key) {
            this.serverKey = Optional.of(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** An OpenRouter model id such as {@code google/gemini-2.5-flash}; it must support structured outputs. */
        public Builder model(String id) {
            if (!MODEL_ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
                throw new IllegalArgumentException("not an OpenRouter model id");
            }
            this.model = id;
            return this;
        }

        /** The most tokens one answer may take, 100 to 32000. */
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
