package live.catwalk.core.oauth.port.in;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The authorization endpoint's decisions for a signed-in user (OAuth 2.1 §4.1, MCP authorization): check an
 * authorization request and say what the consent page must show ({@link #review}), then act on the user's answer
 * ({@link #decide}: the request is checked again, so nothing the page carried back is trusted). A request whose client
 * or redirect URI cannot be trusted is refused without a redirect; any later error goes back to the client's redirect
 * URI with {@code error}, {@code state} and {@code iss}.
 */
public interface Authorize {

    /** What the consent page must show, or how the request ends without it. */
    Outcome review(Principal caller, Request request);

    /**
     * What the consent page shows a person not yet signed in, before they are sent to sign in elsewhere (GitHub): the
     * request is checked as {@link #review} does except for whose the deployment is, so the deployment is named by
     * its id only and no choices are offered.
     */
    Outcome preview(Request request);

    /** The user's answer: a code (or {@code access_denied}) on the client's redirect URI, or a refusal page. */
    Outcome decide(Principal caller, Request request, Answer answer);

    /**
     * An authorization request's parameters as sent (any may be null; each is at most a few KB, the HTTP layer bounds
     * them): {@code response_type}, {@code client_id}, {@code redirect_uri}, {@code state}, {@code code_challenge},
     * {@code code_challenge_method}, {@code resource} and {@code scope}.
     */
    record Request(String responseType, String clientId, String redirectUri, String state, String codeChallenge,
                   String codeChallengeMethod, String resource, String scope) {
    }

    /** The user's answer on the consent page: allow (for this deployment, when the request named none) or deny. */
    record Answer(boolean allow, Optional<DeploymentId> deployment) {
        public Answer {
            Objects.requireNonNull(deployment, "deployment");
        }
    }

    /** How an authorization request goes on. */
    sealed interface Outcome {

        /**
         * Show the consent page: who asks ({@code client}, and the host its code would go to), for which deployment
         * ({@code deployment}, or one of {@code choices} when the request named none), with which scopes; and a
         * warning when every redirect URI of the client is on this machine's loopback.
         */
        record Consent(OAuthClient client, URI redirectUri, Optional<Target> deployment, List<Target> choices,
                       Set<String> scopes, boolean loopbackOnly) implements Outcome {
            public Consent {
                Objects.requireNonNull(client, "client");
                Objects.requireNonNull(redirectUri, "redirectUri");
                Objects.requireNonNull(deployment, "deployment");
                choices = List.copyOf(choices);
                scopes = Set.copyOf(scopes);
            }
        }

        /** Send the browser to {@code location}: the client's redirect URI with a code or an error. */
        record Redirect(URI location) implements Outcome {
            public Redirect {
                Objects.requireNonNull(location, "location");
            }
        }

        /**
         * Show an error page and never redirect: the client is unknown or unusable, or the redirect URI is not one
         * of its own ({@code error} is the OAuth code, {@code description} what the person reads).
         */
        record Refused(String error, String description) implements Outcome {
            public Refused {
                Objects.requireNonNull(error, "error");
                Objects.requireNonNull(description, "description");
            }
        }
    }

    /** A deployment as the consent page names it. */
    record Target(DeploymentId id, String name) {
        public Target {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }
}
