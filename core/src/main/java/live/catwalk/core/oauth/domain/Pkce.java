package live.catwalk.core.oauth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import live.catwalk.core.shared.CatwalkException;

/**
 * Proof Key for Code Exchange as OAuth 2.1 requires it of every client (RFC 7636): the S256 method only (a missing
 * method means {@code plain}, refused), and the verifier checked against the challenge in constant time.
 */
public final class Pkce {

    /** RFC 7636 §4.1: 43 to 128 unreserved characters, for the verifier and (S256) the challenge alike. */
    private static final Pattern UNRESERVED_43_128 = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    /**
     * The challenge an authorization request sent, if it is one Catwalk takes; INVALID_INPUT (code
     * {@code invalid_request}, field {@code code_challenge} or {@code code_challenge_method}) otherwise.
     */
    public static String challenge(String challenge, String method) {
        if (challenge == null || challenge.isEmpty()) {
            throw invalid("code_challenge", "A code_challenge is required (PKCE with S256).");
        }
        if (!"S256".equals(method)) {
            throw invalid("code_challenge_method", "The code_challenge_method must be S256"
                    + (method == null ? " (without one, it would be plain)." : ", not " + bounded(method) + "."));
        }
        if (!UNRESERVED_43_128.matcher(challenge).matches()) {
            throw invalid("code_challenge", "A code_challenge is 43 to 128 characters of A-Z, a-z, 0-9 and -._~.");
        }
        return challenge;
    }

    /** Whether {@code verifier} is well formed and BASE64URL(SHA-256(verifier)) is {@code challenge}. */
    public static boolean verifies(String verifier, String challenge) {
        if (verifier == null || challenge == null || !UNRESERVED_43_128.matcher(verifier).matches()) {
            return false;
        }
        byte[] expected = s256(verifier).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, challenge.getBytes(StandardCharsets.US_ASCII));
    }

    /** BASE64URL-ENCODE(SHA256(ASCII(verifier))) without padding: the S256 challenge of a verifier. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String bounded(String value) {
        String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static CatwalkException invalid(String field, String message) {
        return CatwalkException.invalidInput(field, message, "Send code_challenge=BASE64URL(SHA-256(verifier)) and "
                + "code_challenge_method=S256.").withCode("invalid_request");
    }
}
