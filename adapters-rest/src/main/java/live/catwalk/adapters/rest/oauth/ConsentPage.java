package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.ScopePolicy;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.port.in.Authorize.Outcome;

/**
 * Catwalk's consent page (MCP authorization's confused-deputy rules): it names the application and, for a metadata
 * document, the host that vouches for it; the host its answer goes to (with a warning when that is only this
 * machine); the deployment (or a choice of the person's own); and what the access allows. The form carries the
 * request back with the session's CSRF token; nothing on it is trusted when it returns.
 */
final class ConsentPage {

    private ConsentPage() {
    }

    static Response render(Outcome.Consent consent, MultivaluedMap<String, String> request, String csrf) {
        String form = """
                <form id="consent" method="post" action="/authorize" class="stack">
                %s<input type="hidden" name="csrf" value="%s">
                <div class="actions">
                <button type="submit" name="decision" value="allow" class="button primary">Allow</button>
                <button type="submit" name="decision" value="deny" class="button">Deny</button>
                </div>
                </form>
                """.formatted(hidden(request), Html.escape(csrf));
        String target = consent.deployment()
                .map(d -> "<p>It asks to use your deployment <strong>" + Html.escape(d.name()) + "</strong> <span "
                        + "class=\"muted mono small\">" + Html.escape(d.id().value()) + "</span>.</p>")
                .orElseGet(() -> choice(consent));
        return page(consent, target, form, List.of(consent.redirectUri()));
    }

    /**
     * The consent page before sign-in (the confused-deputy rule: Catwalk's consent comes before any redirect to
     * GitHub): allowing signs in with GitHub and then goes on without asking again; a personal token signs in on the
     * dashboard's page, and this page is asked again afterwards. The form's CSRF value is the browser's consent cookie.
     */
    static Response beforeSignIn(Outcome.Consent consent, MultivaluedMap<String, String> request, String csrf,
                                 String tokenSignIn, URI github) {
        String form = """
                <form id="consent" method="post" action="/authorize/github" class="stack">
                %s<input type="hidden" name="csrf" value="%s">
                <div class="actions">
                <button type="submit" name="decision" value="allow" class="button primary">Allow and sign in with \
                GitHub</button>
                </div>
                </form>
                <p class="small">No GitHub account linked? <a href="%s">Sign in with a personal token</a> instead.</p>
                """.formatted(hidden(request), Html.escape(csrf), Html.escape(tokenSignIn));
        String target = consent.deployment()
                .map(d -> "<p>It asks to use your deployment <span class=\"mono\">" + Html.escape(d.id().value())
                        + "</span>.</p>")
                .orElse("<p>You choose which of your deployments it may use after signing in.</p>");
        // The answer goes on to GitHub, back here, and on to the application: a form's policy covers every hop.
        return page(consent, target, form, List.of(github, consent.redirectUri()));
    }

    /** The page; its form's answer may be redirected to the origins of {@code formTargets}. */
    private static Response page(Outcome.Consent consent, String target, String form, List<URI> formTargets) {
        var client = consent.client();
        String vouchedBy = client.kind() == ClientKind.METADATA_DOCUMENT
                ? "<p class=\"muted small\">Described by <code>" + Html.escape(client.id().value()) + "</code></p>"
                : "<p class=\"muted small\">Registered with Catwalk as <code>" + Html.escape(client.id().value())
                + "</code></p>";
        String warning = consent.loopbackOnly()
                ? "<div class=\"notice notice-warn\" role=\"note\"><strong>This application runs on a computer, not a "
                + "website.</strong><p>Its answer goes to a program listening on that computer. Allow it only if you "
                + "started it yourself, just now.</p></div>"
                : "";
        String scopes = consent.scopes().contains(ScopePolicy.OFFLINE_ACCESS)
                ? "call its tools, read its resources and use its prompts, and stay connected until you revoke it"
                : "call its tools, read its resources and use its prompts, for an hour at a time";
        String body = """
                <p><strong>%s</strong> wants to connect to Catwalk as you.</p>
                %s
                %s
                <p>It may %s.</p>
                <p>Its answer goes to <strong>%s</strong> <span class="muted small">(%s)</span>.</p>
                %s
                %s
                <p class="muted small">You can revoke its access at any time from the deployment's page.</p>
                """.formatted(Html.escape(client.name()), vouchedBy, target, scopes,
                Html.escape(consent.redirectUri().getHost().toLowerCase(Locale.ROOT)),
                Html.escape(consent.redirectUri().toString()), warning, form);
        return Html.page(200, "Allow " + client.name() + "?", body, formTargets);
    }

    /** The request's parameters as hidden fields, so the answer carries them back (to be checked again). */
    private static String hidden(MultivaluedMap<String, String> request) {
        StringBuilder hidden = new StringBuilder();
        for (String name : AuthorizationResource.PARAMETERS) {
            String value = request.getFirst(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(Html.escape(value)).append("\">\n");
            }
        }
        return hidden.toString();
    }

    private static String choice(Outcome.Consent consent) {
        if (consent.choices().isEmpty()) {
            return "<div class=\"notice notice-bad\"><strong>You have no deployments yet.</strong><p>Deploy a server "
                    + "in Catwalk first, then connect the application again.</p></div>";
        }
        String options = consent.choices().stream().map(ConsentPage::option).collect(Collectors.joining("\n"));
        return """
                <div class="field"><label for="deployment">Which deployment may it use?</label>
                <select id="deployment" name="deployment" form="consent" required>%s</select></div>
                """.formatted(options);
    }

    private static String option(Authorize.Target t) {
        return "<option value=\"" + Html.escape(t.id().value()) + "\">" + Html.escape(t.name()) + " ("
                + Html.escape(t.id().value()) + ")</option>";
    }

    static Response refused(Outcome.Refused refused) {
        return Html.page(400, "This application cannot connect", "<p>" + Html.escape(refused.description())
                + "</p><p class=\"muted small\">Error: <code>" + Html.escape(refused.error()) + "</code>. Nothing was "
                + "sent back to the application.</p>", List.of());
    }

    static Response problem(int status, String message) {
        return Html.page(status, "This request cannot go on", "<p>" + Html.escape(message) + "</p>", List.of());
    }
}
