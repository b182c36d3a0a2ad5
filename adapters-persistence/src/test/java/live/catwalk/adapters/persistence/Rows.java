package live.catwalk.adapters.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.domain.SessionMode;

/** Small object mother for this module's own tests (the port contracts bring their own). */
final class Rows {

    static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123456Z");

    private Rows() {
    }

    static User user(String name) {
        return new User(new UserId(UUID.randomUUID()), name, Role.USER, T0);
    }

    static AccessToken token(UserId owner, String secret) {
        return new AccessToken(new TokenId(UUID.randomUUID()), owner, Optional.empty(), "laptop", "cwk_abc",
                TokenHash.of(secret), T0, Optional.empty(), Optional.empty());
    }

    static Deployment npmDeployment(UserId owner, String name) {
        DeploymentSpec spec = new DeploymentSpec(name, new Launch.Package(new PackageRef(PackageRef.Registry.NPM,
                "@modelcontextprotocol/server-everything", Optional.of("1.2.3"))),
                List.of(new EnvVarName("API_KEY")), SessionMode.SHARED);
        return Deployment.create(new DeploymentId(UUID.randomUUID().toString()), owner, spec, T0);
    }

    static Deployment commandDeployment(UserId owner, String name) {
        DeploymentSpec spec = new DeploymentSpec(name, new Launch.Command(List.of("node", "server.js", "--flag=a b")),
                List.of(), SessionMode.ISOLATED);
        return Deployment.create(new DeploymentId(UUID.randomUUID().toString()), owner, spec, T0);
    }
}
