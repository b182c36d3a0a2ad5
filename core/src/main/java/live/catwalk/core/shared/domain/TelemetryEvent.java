package live.catwalk.core.shared.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Something Catwalk's operators count, as core reports it through the {@code Telemetry} out-port. Every label is
 * checked here against a closed set (or a short fixed-form name), so no metric can grow a series per deployment,
 * user, token, client or path: a value outside the set is refused with {@link IllegalArgumentException}.
 */
public sealed interface TelemetryEvent {

    /** A client's request to a deployment's MCP endpoint, answered: {@link #method}, era, outcome and duration. */
    record McpRequest(String method, Era era, Outcome outcome, long nanos) implements TelemetryEvent {

        /** A JSON-RPC method that is not one of MCP's. */
        public static final String OTHER = "other";
        /** A POST of a JSON-RPC batch (2025-03-26). */
        public static final String BATCH = "batch";
        /** A POST of the client's answer to a server's request. */
        public static final String RESPONSE = "response";
        /** A GET: a session's event stream or its resumption. */
        public static final String STREAM = "stream";
        /** A DELETE: the client ends its session. */
        public static final String END_SESSION = "end_session";
        /** Refused before its body was read: unauthorized, not acceptable, too large, not JSON-RPC, or not POST/GET/DELETE. */
        public static final String UNREAD = "unread";

        /** MCP's own method names (2024-11-05 to 2026-07-28): each is its own label, any other is {@link #OTHER}. */
        public static final Set<String> MCP_METHODS = Set.of("initialize", "ping", "server/discover",
                "tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read",
                "resources/subscribe", "resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete",
                "logging/setLevel", "tasks/get", "tasks/list", "tasks/result", "tasks/cancel",
                "notifications/initialized", "notifications/cancelled", "notifications/progress",
                "notifications/roots/list_changed", "notifications/tasks/status");

        private static final Set<String> SHAPES = Set.of(OTHER, BATCH, RESPONSE, STREAM, END_SESSION, UNREAD);

        /** Which protocol family the request spoke, as far as the edge could tell before answering. */
        public enum Era {
            SESSIONFUL_2025("2025"), STATELESS_2026("2026"), UNKNOWN("unknown");

            private final String label;

            Era(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }
        }

        /** How the request ended, by the HTTP status of its answer (a stream is {@link #OK}). */
        public enum Outcome {
            OK, UNAUTHORIZED, LIMITED, REFUSED, UNAVAILABLE, ERROR;

            /** 1xx-3xx ok; 401 and 403 unauthorized; 429 limited; other 4xx refused; 502-504 unavailable; else error. */
            public static Outcome of(int status) {
                if (status < 400) {
                    return OK;
                }
                return switch (status) {
                    case 401, 403 -> UNAUTHORIZED;
                    case 429 -> LIMITED;
                    case 502, 503, 504 -> UNAVAILABLE;
                    default -> status < 500 ? REFUSED : ERROR;
                };
            }

            public String label() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public McpRequest {
            if (!MCP_METHODS.contains(method) && !SHAPES.contains(method)) {
                throw new IllegalArgumentException("not an MCP method label (use methodLabel)");
            }
            Objects.requireNonNull(era, "era");
            Objects.requireNonNull(outcome, "outcome");
            nanos = Math.max(0, nanos);
        }

        /** The label of a JSON-RPC method name: itself when it is one of MCP's, else {@link #OTHER}. */
        public static String methodLabel(String method) {
            return method != null && MCP_METHODS.contains(method) ? method : OTHER;
        }
    }

    /** A supervised server process was started again after it ended (a restart, not a first start). */
    record ServerRestarted() implements TelemetryEvent {
    }

    /** The supervisor stopped restarting a server for good (a crash loop). */
    record ServerGaveUp() implements TelemetryEvent {
    }

    /**
     * The OAuth token endpoint answered: {@code grantType} is {@code authorization_code}, {@code refresh_token} or
     * {@code other}; {@code outcome} is {@code issued} or the OAuth error code it was refused with.
     */
    record OAuthToken(String grantType, String outcome) implements TelemetryEvent {

        public static final String ISSUED = "issued";
        private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "other");
        private static final Set<String> OUTCOMES = Set.of(ISSUED, "invalid_request", "invalid_client",
                "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target");

        public OAuthToken {
            if (!GRANT_TYPES.contains(grantType) || !OUTCOMES.contains(outcome)) {
                throw new IllegalArgumentException("not an OAuth grant type label or token outcome");
            }
        }

        /** The label of a requested {@code grant_type}: itself when Catwalk knows it, else {@code other}. */
        public static String grantTypeLabel(String grantType) {
            return grantType != null && GRANT_TYPES.contains(grantType) ? grantType : "other";
        }
    }

    /** A signed-in user answered an OAuth consent page: {@code allowed} (a grant, and its code) or denied. */
    record OAuthConsent(boolean allowed) implements TelemetryEvent {
    }

    /**
     * A request was refused by a rate limit; {@code where} is a short fixed name its caller chose (e.g. {@code mcp},
     * {@code api}, {@code oauth}): lowercase letters, digits and {@code _}, at most 32, never taken from a request.
     */
    record RateLimited(String where) implements TelemetryEvent {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

        public RateLimited {
            if (where == null || !NAME.matcher(where).matches()) {
                throw new IllegalArgumentException("a rate limit's name is [a-z][a-z0-9_]{0,31}");
            }
        }
    }
}
