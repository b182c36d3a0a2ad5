package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.bootstrap.config.DeploymentsFile;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;

class ConfiguredMcpAccessTest {

    private final ConfiguredMcpAccess access = new ConfiguredMcpAccess(List.of(new ConfiguredDeployment("docs",
            new DeploymentSpec("docs", new Launch.Command(List.of("x")), List.of(), SessionMode.SHARED), Map.of(),
            DeploymentsFile.sha256("the-right-token-0"))));

    @Test
    void theRightTokenGivesTheDeploymentAsPrincipal() {
        assertEquals(Optional.of("deployment:docs"), access.principal("docs", Optional.of("the-right-token-0")));
    }

    @Test
    void aWrongOrMissingTokenAndAnUnknownDeploymentAreAllRefused() {
        assertEquals(Optional.empty(), access.principal("docs", Optional.of("the-wrong-token-0")));
        assertEquals(Optional.empty(), access.principal("docs", Optional.empty()));
        assertEquals(Optional.empty(), access.principal("other", Optional.of("the-right-token-0")));
    }
}
