package live.catwalk.core.deployment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PackageRefTest {

    @Test
    void anNpmPackageRunsThroughNpxPinnedToItsVersion() {
        PackageRef ref = new PackageRef(Registry.NPM, "@modelcontextprotocol/server-everything", Optional.of("2026.8.31"));

        assertEquals(List.of("npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31"), ref.command());
    }

    @Test
    void aPypiPackageRunsThroughUvx() {
        assertEquals(List.of("uvx", "mcp-server-time==2025.9.25"),
                new PackageRef(Registry.PYPI, "mcp-server-time", Optional.of("2025.9.25")).command());
        assertEquals(List.of("uvx", "mcp-server-fetch"), new PackageRef(Registry.PYPI, "mcp-server-fetch", Optional.empty()).command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Uppercase", ".hidden", "_private", "@scope", "a b", "@scope/a/b", "rm -rf /", "x;y"})
    void npmNamesFollowNpmsRules(String name) {
        assertTrue(PackageRef.problem(Registry.NPM, name, Optional.empty()).isPresent(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-dash", "dot.", "a b", "x;y", "$(id)"})
    void pypiNamesFollowPep508(String name) {
        assertTrue(PackageRef.problem(Registry.PYPI, name, Optional.empty()).isPresent(), name);
    }

    @Test
    void versionsCannotSmuggleArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new PackageRef(Registry.NPM, "pkg", Optional.of("1.0.0 --registry=http://evil")));
        assertThrows(IllegalArgumentException.class, () -> new PackageRef(Registry.PYPI, "pkg", Optional.of("--index-url")));
    }
}
