package live.catwalk.core.deployment.usecase;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.Launch;

/** Audit details for deployments: bounded, and naming a launch without its arguments (they may hold secrets). */
final class Audits {

    private Audits() {
    }

    static String detail(String text) {
        return text.length() <= AuditEntry.MAX_TEXT ? text : text.substring(0, AuditEntry.MAX_TEXT - 1) + "…";
    }

    /** Whether an admin acts on someone else's deployment. */
    static boolean byAdmin(Principal caller, Deployment deployment) {
        return !deployment.owner().equals(caller.user());
    }

    /** An audit row naming the admin and the deployment and its owner, when an admin acts on someone else's. */
    static void ifByAdmin(AuditLog audit, Principal caller, Deployment deployment, AuditAction action, Instant at) {
        if (byAdmin(caller, deployment)) {
            audit.record(new AuditEntry(at, action, Optional.of(caller.user()), Optional.of(deployment.id().value()),
                    detail("deployment '" + deployment.spec().name() + "' of user " + deployment.owner()
                            + ", by an admin")));
        }
    }

    static String launch(Launch launch) {
        return switch (launch) {
            case Launch.Package p -> p.ref() + (p.args().isEmpty() ? "" : " with " + p.args().size() + " arguments");
            case Launch.Command c -> "a custom command (" + c.argv().size() + " arguments)";
        };
    }
}
