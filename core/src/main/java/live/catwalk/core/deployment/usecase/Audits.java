package live.catwalk.core.deployment.usecase;

import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.deployment.domain.Launch;

/** Audit details for deployments: bounded, and naming a launch without its arguments (they may hold secrets). */
final class Audits {

    private Audits() {
    }

    static String detail(String text) {
        return text.length() <= AuditEntry.MAX_TEXT ? text : text.substring(0, AuditEntry.MAX_TEXT - 1) + "…";
    }

    static String launch(Launch launch) {
        return switch (launch) {
            case Launch.Package p -> p.ref().toString();
            case Launch.Command c -> "a custom command (" + c.argv().size() + " arguments)";
        };
    }
}
