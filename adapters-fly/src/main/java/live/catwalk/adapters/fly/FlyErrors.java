package live.catwalk.adapters.fly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;

/**
 * The one place a Machines API status becomes a {@link CatwalkException}. Fly's own error text is quoted (cut,
 * with every sensitive value the caller names masked) because it is what tells an operator what to fix.
 * A refused token is {@code UPSTREAM_UNAVAILABLE}, not {@code UNAUTHORIZED}: the caller's credentials were fine,
 * Catwalk's own configuration is not.
 */
final class FlyErrors {

    static final int MAX_TEXT = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlyErrors() {
    }

    /** The exception for {@code status} answered to {@code action}, from Fly's error body {@code body}. */
    static CatwalkException of(String action, int status, byte[] body, List<String> sensitive) {
        Refusal refusal = refusal(body, sensitive);
        String quoted = refusal.text().isEmpty() ? "" : ": " + refusal.text();
        String head = "Fly " + (status / 100 == 5 ? "failed to " : "refused to ") + action + " (HTTP " + status + ")";
        if ("insufficient_capacity".equals(refusal.status()) || refusal.text().contains("insufficient capacity")) {
            return CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "Fly has no capacity to " + action + quoted)
                    .withCode("fly_insufficient_capacity")
                    .withHint("pick another Fly region or a smaller machine size, or try again later");
        }
        return switch (status) {
            case 401 -> CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, head + ": the token was not accepted")
                    .withCode("fly_unauthorized")
                    .withHint("check FLY_API_TOKEN: a deploy token of this app (fly tokens create deploy -a <app>)");
            case 403 -> CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, head + quoted).withCode("fly_forbidden")
                    .withHint("FLY_API_TOKEN must be allowed to manage the machines of the configured app");
            case 404 -> CatwalkException.of(Kind.NOT_FOUND, head + ": no such app or machine" + quoted)
                    .withCode("fly_not_found").withHint("check the Fly app name; the machine may be gone already");
            case 409 -> CatwalkException.of(Kind.CONFLICT, head + quoted).withCode("fly_conflict")
                    .withHint("another client holds the machine's lease; try again shortly");
            case 400, 422 -> CatwalkException.of(Kind.INVALID_INPUT, head + quoted).withCode("fly_rejected")
                    .withHint("check the machine settings (image, region, size) against Fly's message");
            case 429 -> CatwalkException.of(Kind.LIMIT_EXCEEDED, head + ": rate limited").withCode("fly_rate_limited")
                    .withHint("Fly allows about one request per second per action; try again in a minute");
            default -> CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, head + quoted).withCode("fly_unavailable")
                    .withHint("Fly may be having trouble (see status.flyio.net); try again later");
        };
    }

    /** Fly's error text and status code, from {@code {"error":"…","status":"…"}} or a plain-text body. */
    private static Refusal refusal(byte[] body, List<String> sensitive) {
        String text;
        String status = "";
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && tree.isObject()) {
                text = tree.path("error").asText("");
                status = tree.path("status").asText("");
            } else {
                text = new String(body, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            text = new String(body, StandardCharsets.UTF_8);
        }
        return new Refusal(masked(text.strip().replaceAll("\\s+", " "), sensitive), status);
    }

    /** {@code text} cut to {@link #MAX_TEXT} characters, every sensitive value in it replaced by {@code ***}. */
    static String masked(String text, List<String> sensitive) {
        String out = text;
        for (String value : sensitive) {
            if (value != null && value.length() >= 4) {
                out = out.replace(value, "***");
            }
        }
        return out.length() <= MAX_TEXT ? out : out.substring(0, MAX_TEXT - 1) + "…";
    }

    private record Refusal(String text, String status) {
    }
}
