package live.catwalk.adapters.llm.github;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.adapters.llm.http.SourceBuilder;
import live.catwalk.core.shared.CatwalkException;

/**
 * The one place where GitHub's statuses and failures become the port's exceptions: {@code github_rate_limited}
 * (LIMIT_EXCEEDED) or {@code github_unavailable} (UPSTREAM_UNAVAILABLE). Messages and hints show the URL asked
 * without user info or query, and never the token: only whether one is set.
 */
final class GithubFailures {

    /** The setting that holds the token, named in hints. */
    static final String TOKEN_SETTING = "GITHUB_TOKEN";

    private final boolean tokenSet;
    private final String urlSetting;

    GithubFailures(boolean tokenSet, String urlSetting) {
        this.tokenSet = tokenSet;
        this.urlSetting = urlSetting;
    }

    /** Makes the exception for a transport failure (BoundedHttp's phrase) while asking {@code uri}. */
    Function<String, CatwalkException> asking(URI uri) {
        return what -> unavailable(what, uri);
    }

    /** GitHub, asked {@code uri}, could not be asked or answered unusably: {@code what} follows "GitHub". */
    CatwalkException unavailable(String what, URI uri) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "GitHub " + what)
                .withCode("github_unavailable").withHint(asked(uri));
    }

    /** The exception for {@code answer}, a status that is neither a success nor an expected "none". */
    CatwalkException status(BoundedHttp.Answer answer, URI uri) {
        int status = answer.status();
        HttpHeaders headers = answer.headers();
        if (status == 403 || status == 429) {
            if (headers.firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
                String reset = headers.firstValue("x-ratelimit-reset").flatMap(GithubFailures::epochSeconds)
                        .map(at -> "it resets at " + at).orElse("it resets within the hour");
                return limited("GitHub's API rate limit is spent",
                        reset + (tokenSet ? "" : ", or set " + TOKEN_SETTING + " for a higher limit"));
            }
            Optional<String> retryAfter = headers.firstValue("retry-after");
            if (retryAfter.isPresent()) {
                return limited("GitHub's secondary rate limit was hit: Catwalk asked too much too fast",
                        "retry after " + wait(retryAfter.get()));
            }
            if (status == 429) { // Too Many Requests without saying for how long
                return limited("GitHub is rate limiting Catwalk (HTTP 429)", "retry in a minute");
            }
        }
        if (status == 401) {
            CatwalkException e = tokenSet
                    ? unavailable("refused the token (HTTP 401)", uri)
                    : unavailable("asks for a token (HTTP 401)", uri);
            return e.withHint((tokenSet ? "check " + TOKEN_SETTING + ": it may be wrong, expired or revoked; "
                    : "set " + TOKEN_SETTING + "; ") + asked(uri));
        }
        return unavailable(status >= 500 ? "failed (HTTP " + status + ")" : "answered HTTP " + status, uri);
    }

    private String asked(URI uri) {
        return SourceBuilder.reachHint(uri, urlSetting, "a GitHub API");
    }

    private static CatwalkException limited(String message, String hint) {
        return CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, message).withCode("github_rate_limited")
                .withHint(hint);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date (rendered in UTC). */
    private static String wait(String retryAfter) {
        String value = retryAfter.strip();
        if (value.matches("[0-9]{1,9}")) {
            return Long.parseLong(value) + " seconds";
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            return "a minute";
        }
    }

    /** An epoch-seconds header as an ISO-8601 instant in UTC, e.g. {@code 2026-12-05T14:00:00Z}. */
    private static Optional<String> epochSeconds(String value) {
        String digits = value.strip();
        return digits.matches("[0-9]{1,12}") ? Optional.of(Instant.ofEpochSecond(Long.parseLong(digits)).toString())
                : Optional.empty();
    }
}
