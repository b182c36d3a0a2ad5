package live.catwalk.core.deployment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageRulesTest {

    @ParameterizedTest
    @CsvSource({
            "NPM, left-pad@latest, left-pad, latest",
            "NPM, left-pad@1.3.0, left-pad, 1.3.0",
            "NPM, @modelcontextprotocol/server-everything@2026.8.31, @modelcontextprotocol/server-everything, 2026.8.31",
            "PYPI, mcp-server-git==2025.1.14, mcp-server-git, 2025.1.14",
            "PYPI, mcp-server-git@1.0, mcp-server-git, 1.0"})
    void aVersionTypedIntoTheNameIsSentToPackageVersion(Registry registry, String typed, String name, String version) {
        String problem = PackageRef.problem(registry, typed, Optional.empty()).orElseThrow();

        assertTrue(problem.contains("carries a version: put \"" + name + "\" in package.name and \"" + version
                + "\" in package.version"), problem);
    }

    @Test
    void aSuffixThatIsNoVersionIsNotQuotedButStillPointsAtPackageVersion() {
        String problem = PackageRef.problem(Registry.NPM, "left-pad@$(id)", Optional.empty()).orElseThrow();

        assertFalse(problem.contains("$(id)"), problem);
        assertTrue(problem.contains("package.version"), problem);
        assertTrue(PackageRef.problem(Registry.PYPI, "Bad Name==1.0", Optional.empty()).orElseThrow()
                .contains("package.version"));
    }

    @Test
    void aScopeAloneIsStillJudgedAsAName() {
        String problem = PackageRef.problem(Registry.NPM, "@scope", Optional.empty()).orElseThrow();

        assertEquals("is not an npm package name: it must be name or @scope/name", problem);
    }
}
