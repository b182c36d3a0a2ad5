package live.catwalk.adapters.llm.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a chat-completions answer (HTTP 200) the advisor reads: the first choice's text, unwrapped from a
 * Markdown code fence if the model added one, and the id of the model that answered. Empty when there is no usable
 * text: a body that is not JSON, no choices (OpenRouter reports an error met mid-generation in a 200 body), empty
 * content, or a choice cut short.
 */
record Completion(String content, Optional<String> model) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Why a choice ended that means its text is incomplete or not the model's answer. */
    private static final Set<String> CUT_SHORT = Set.of("length", "content_filter", "error");
    private static final String FENCE = "```";
    /** A model id as OpenRouter writes one, e.g. {@code openai/gpt-4.1-mini-2025-04-14}; anything else is ignored. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/@+-]{1,200}");

    /** The completion in {@code body}, or empty when it holds no usable text. */
    static Optional<Completion> read(byte[] body) {
        JsonNode response;
        try {
            response = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (response == null) {
            return Optional.empty();
        }
        JsonNode choice = response.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (CUT_SHORT.contains(choice.path("finish_reason").asText("")) || !content.isTextual()) {
            return Optional.empty();
        }
        String text = unfenced(content.textValue());
        if (text.isBlank()) {
            return Optional.empty();
        }
        JsonNode model = response.path("model");
        return Optional.of(new Completion(text, model.isTextual() && MODEL_ID.matcher(model.textValue()).matches()
                ? Optional.of(model.textValue()) : Optional.empty()));
    }

    /** {@code text} without a surrounding {@code ```json … ```} fence; text around a fence is left to fail parsing. */
    static String unfenced(String text) {
        String t = text.strip();
        if (t.length() < 2 * FENCE.length() || !t.startsWith(FENCE) || !t.endsWith(FENCE)) {
            return t;
        }
        String inner = t.substring(FENCE.length(), t.length() - FENCE.length());
        int language = 0;
        while (language < inner.length() && (Character.isLetterOrDigit(inner.charAt(language))
                || inner.charAt(language) == '-' || inner.charAt(language) == '_')) {
            language++;
        }
        return inner.substring(language).strip();
    }
}
