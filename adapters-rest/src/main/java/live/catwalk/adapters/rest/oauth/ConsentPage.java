package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
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
        var client = consent.client();
        String vouchedBy = client.kind() == ClientKind.METADATA_DOCUMENT
                ? "<p class=\"muted small\">Described by <code>" + Html.escape(client.id().value()) + "</code></p>"
                : "<p class=\"muted small\">Registered with Catwalk as <code>" + Html.escape(client.id().value())
                + "</code></p>";
        String target = consent.deployment()
                .map(d -> "<p>It asks to use your deployment <strong>" + Html.escape(d.name()) + "</strong> <span "
                        + "class=\"muted mono small\">" + Html.escape(d.id().value()) + "</span>.</p>")
                .orElseGet(() -> choice(consent));
        String warning = consent.loopbackOnly()
                ? "<div class=\"notice notice-warn\" role=\"note\"><strong>This application runs on a computer, not a "
                + "website.</strong><p>Its answer goes to a program listening on that computer. Allow it only if you "
                + "started it yourself, just now.</p></div>"
                : "";
        String scopes = consent.scopes().contains(ScopePolicy.OFFLINE_ACCESS)
                ? "call its tools, read its resources and use its prompts, and stay connected until you revoke it"
                : "call its tools, read its resources and use its prompts, for an hour at a time";
        StringBuilder hidden = new StringBuilder();
        for (String name : AuthorizationResource.PARAMETERS) {
            String value = request.getFirst(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(Html.escape(value)).append("\">\n");
            }
        }
        String body = """
                <p><strong>%s</strong> wants to connect to Catwalk as you.</p>
                %s
                %s
                <p>It may %s.</p>
                <p>Its answer goes to <strong>%s</strong> <span class="muted small">(%s)</span>.</p>
                %s
                <form id="consent" method="post" action="/authorize" class="stack">
                %s<input type="hidden" name="csrf" value="%s">
                <div class="actions">
                <button type="submit" name="decision" value="allow" class="button primary">Allow</button>
                <button type="submit" name="decision" value="deny" class="button">Deny</button>
                </div>
                </form>
                <p class="muted small">You can revoke its access at any time from the deployment's page.</p>
                """.formatted(Html.escape(client.name()), vouchedBy, target, scopes,
                Html.escape(consent.redirectUri().getHost().toLowerCase(Locale.ROOT)),
                Html.escape(consent.redirectUri().toString()), warning, hidden, Html.escape(csrf));
        return Html.page(200, "Allow " + client.name() + "?", body, consent.redirectUri());
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
                + "sent back to the application.</p>", null);
    }

    static Response problem(int status, String message) {
        return Html.page(status, "This request cannot go on", "<p>" + Html.escape(message) + "</p>", null);
    }
}
