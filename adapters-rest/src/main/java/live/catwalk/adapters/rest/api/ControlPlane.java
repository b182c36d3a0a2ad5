package live.catwalk.adapters.rest.api;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.account.port.in.BrowserSessions;
import live.catwalk.core.account.port.in.CreateUser;
import live.catwalk.core.account.port.in.DisableUser;
import live.catwalk.core.account.port.in.EnableUser;
import live.catwalk.core.account.port.in.GetMe;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.account.port.in.ListTokens;
import live.catwalk.core.account.port.in.ListUserTokens;
import live.catwalk.core.account.port.in.ListUsers;
import live.catwalk.core.account.port.in.ReadSettings;
import live.catwalk.core.account.port.in.RevokeToken;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.analysis.port.in.AnalyseRepository;
import live.catwalk.core.analysis.port.in.BrowseMcpRegistry;
import live.catwalk.core.analysis.port.in.DeployAnalysis;
import live.catwalk.core.analysis.port.in.GetAnalysis;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.DeleteDeployment;
import live.catwalk.core.deployment.port.in.GetDeployment;
import live.catwalk.core.deployment.port.in.ListDeploymentEvents;
import live.catwalk.core.deployment.port.in.ListDeployments;
import live.catwalk.core.deployment.port.in.ListFileDeployments;
import live.catwalk.core.deployment.port.in.ReadDeploymentLogs;
import live.catwalk.core.deployment.port.in.ReplaceDeploymentEnv;
import live.catwalk.core.deployment.port.in.RestartDeployment;
import live.catwalk.core.deployment.port.in.RotateDeploymentToken;
import live.catwalk.core.deployment.port.in.StartDeployment;
import live.catwalk.core.deployment.port.in.StopDeployment;
import live.catwalk.core.oauth.port.in.ConnectedApps;
import live.catwalk.core.shared.domain.SettingName;

/**
 * What the control-plane API ({@code /api/**}) serves: the account and deployment use cases, the applications
 * connected to deployments through OAuth, the public
 * base URL that MCP links are built on (empty: the address the server is bound to, never a request's {@code Host}),
 * and the settings this Catwalk uses (a value for another is refused, so none is stored to go unused).
 */
public record ControlPlane(Accounts accounts, Deployments deployments, Analyses analyses, ConnectedApps apps,
                           Optional<URI> publicUrl, Set<SettingName> settingsInUse) {

    /** Every setting in use. */
    public ControlPlane(Accounts accounts, Deployments deployments, Analyses analyses, ConnectedApps apps,
                        Optional<URI> publicUrl) {
        this(accounts, deployments, analyses, apps, publicUrl, EnumSet.allOf(SettingName.class));
    }

    /** Without an authorization server: no deployment has connected applications. */
    public ControlPlane(Accounts accounts, Deployments deployments, Analyses analyses, Optional<URI> publicUrl) {
        this(accounts, deployments, analyses, NONE_CONNECTED, publicUrl);
    }

    private static final ConnectedApps NONE_CONNECTED = new ConnectedApps() {
        @Override
        public List<App> list(live.catwalk.core.account.domain.Principal caller,
                              live.catwalk.core.shared.domain.DeploymentId deployment) {
            return List.of();
        }

        @Override
        public void revoke(live.catwalk.core.account.domain.Principal caller,
                           live.catwalk.core.shared.domain.DeploymentId deployment,
                           live.catwalk.core.oauth.domain.GrantId grant) {
            throw live.catwalk.core.shared.CatwalkException.notFound(
                    "This deployment has no such connected application.");
        }
    };

    public ControlPlane {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(deployments, "deployments");
        Objects.requireNonNull(analyses, "analyses");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(publicUrl, "publicUrl");
        settingsInUse = Set.copyOf(settingsInUse);
        publicUrl.ifPresent(url -> {
            if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("the public URL is an absolute http(s) URL: " + url);
            }
        });
    }

    /**
     * Repository analysis and what follows from it: start and poll analyses, deploy one, and browse the official
     * MCP registry.
     */
    public record Analyses(AnalyseRepository analyse, GetAnalysis get, DeployAnalysis deploy,
                           BrowseMcpRegistry registry) {
        public Analyses {
            Objects.requireNonNull(analyse, "analyse");
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(deploy, "deploy");
            Objects.requireNonNull(registry, "registry");
        }
    }

    /** The caller's identity, personal tokens and secret settings; an admin's management of users. */
    public record Accounts(Authenticate authenticate, GetMe getMe, IssueToken issueToken, ListTokens listTokens,
                           RevokeToken revokeToken, ReadSettings readSettings, UpdateSettings updateSettings,
                           CreateUser createUser, ListUsers listUsers, DisableUser disableUser,
                           EnableUser enableUser, ListUserTokens listUserTokens, BrowserSessions sessions) {

        public Accounts {
            Objects.requireNonNull(authenticate, "authenticate");
            Objects.requireNonNull(getMe, "getMe");
            Objects.requireNonNull(issueToken, "issueToken");
            Objects.requireNonNull(listTokens, "listTokens");
            Objects.requireNonNull(revokeToken, "revokeToken");
            Objects.requireNonNull(readSettings, "readSettings");
            Objects.requireNonNull(updateSettings, "updateSettings");
            Objects.requireNonNull(createUser, "createUser");
            Objects.requireNonNull(listUsers, "listUsers");
            Objects.requireNonNull(disableUser, "disableUser");
            Objects.requireNonNull(enableUser, "enableUser");
            Objects.requireNonNull(listUserTokens, "listUserTokens");
            Objects.requireNonNull(sessions, "sessions");
        }
    }

    /**
     * The caller's deployments: lifecycle, variables, access token and diagnostics; and the deployments file's
     * deployments ({@code files}), listed and read but never changed through the API.
     */
    public record Deployments(CreateDeployment create, GetDeployment get, ListDeployments list,
                              StopDeployment stop, StartDeployment start, RestartDeployment restart,
                              DeleteDeployment delete, ReplaceDeploymentEnv replaceEnv,
                              RotateDeploymentToken rotateToken, ListDeploymentEvents events,
                              ReadDeploymentLogs logs, ListFileDeployments files) {

        /** Without a deployments file. */
        public Deployments(CreateDeployment create, GetDeployment get, ListDeployments list,
                           StopDeployment stop, StartDeployment start, RestartDeployment restart,
                           DeleteDeployment delete, ReplaceDeploymentEnv replaceEnv,
                           RotateDeploymentToken rotateToken, ListDeploymentEvents events, ReadDeploymentLogs logs) {
            this(create, get, list, stop, start, restart, delete, replaceEnv, rotateToken, events, logs,
                    caller -> List.of());
        }

        public Deployments {
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(stop, "stop");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(restart, "restart");
            Objects.requireNonNull(delete, "delete");
            Objects.requireNonNull(replaceEnv, "replaceEnv");
            Objects.requireNonNull(rotateToken, "rotateToken");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(logs, "logs");
            Objects.requireNonNull(files, "files");
        }
    }
}
