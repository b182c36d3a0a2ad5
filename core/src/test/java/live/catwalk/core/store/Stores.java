package live.catwalk.core.store;

import java.util.Objects;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.GitHubIdentities;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.analysis.port.out.AnalysisCache;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.credential.port.out.SealedSecrets;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.oauth.port.out.OAuthStore;

/** Every repository port over one and the same store, so references and cascades line up. */
public record Stores(UserRepository users, TokenRepository tokens, SettingsRepository settings, AuditLog audit,
                     DeploymentRepository deployments, EventLog events, CredentialRepository credentials,
                     SealedSecrets secrets, AnalysisCache analyses, OAuthStore oauth,
                     GitHubIdentities githubIdentities) {

    public Stores {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(deployments, "deployments");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(analyses, "analyses");
        Objects.requireNonNull(oauth, "oauth");
        Objects.requireNonNull(githubIdentities, "githubIdentities");
    }
}
