package live.catwalk.core.account.domain;

import java.util.Locale;

/** Something that leaves a row in the audit log. */
public enum AuditAction {
    AUTHENTICATION_FAILED, TOKEN_ISSUED, TOKEN_REVOKED, DEPLOYMENT_CREATED, DEPLOYMENT_DELETED,
    DEPLOYMENT_TOKEN_ROTATED, CREDENTIALS_REPLACED, SETTING_CHANGED, KEYS_ROTATED, USER_CREATED,
    USER_DISABLED, USER_ENABLED, DEPLOYMENT_STOPPED, DEPLOYMENT_STARTED, DEPLOYMENT_RESTARTED;

    /** The action as stored, e.g. {@code token_issued}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
