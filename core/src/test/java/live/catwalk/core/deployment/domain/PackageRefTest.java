package live.catwalk.core.deployment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageRefTest {

    @Test
    void anNpmPackageRunsThroughNpxWithTheEndOfOptionsBeforeIt() {
        PackageRef ref = new PackageRef(Registry.NPM, "@modelcontextprotocol/server-everything", Optional.of("2026.8.31"));

        assertEquals(List.of("npx", "-y", "--", "@modelcontextprotocol/server-everything@2026.8.31"), ref.command());
        assertEquals(List.of("npx", "-y", "--", "left-pad"), new PackageRef(Registry.NPM, "left-pad", Optional.empty()).command());
    }

    @Test
    void aPypiPackageRunsThroughUvxWithTheRequirementBoundToFrom() {
        assertEquals(List.of("uvx", "--from=mcp-server-time==2025.9.25", "mcp-server-time"),
                new PackageRef(Registry.PYPI, "mcp-server-time", Optional.of("2025.9.25")).command());
        assertEquals(List.of("uvx", "--from=mcp-server-fetch", "mcp-server-fetch"),
                new PackageRef(Registry.PYPI, "mcp-server-fetch", Optional.empty()).command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-dash", "--yes", "-c", "--", "--call", "-e", "--help", ".hidden", "_private", "~tilde",
            "crazy!", "it's", "a(b)", "star*", "Uppercase", "node_modules", "favicon.ico", "@scope", "@scope/a/b",
            "@-scope/x", "@.scope/x", "@_scope/x", "@scope/-x", "@scope/.x", "@scope/_x", "a/b", "@/x", "@scope/",
            "a b", " lead", "rm -rf /", "x;y", "$(id)", "", "a%2Fb"})
    void npmNamesFollowNpmsRulesForNewPackages(String name) {
        assertTrue(PackageRef.problem(Registry.NPM, name, Optional.empty()).isPresent(), name);
        assertThrows(IllegalArgumentException.class, () -> new PackageRef(Registry.NPM, name, Optional.empty()));
    }

    @Test
    void npmNamesAreAtMost214Characters() {
        assertFalse(PackageRef.problem(Registry.NPM, "a".repeat(214), Optional.empty()).isPresent());
        assertTrue(PackageRef.problem(Registry.NPM, "a".repeat(215), Optional.empty()).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@modelcontextprotocol/server-everything", "left-pad", "example.com", "under_score",
            "123numeric", "@npm/thingy", "@jane/foo.js", "a", "some-package-", "@scope/a.b_c-d"})
    void validNpmNamesAreAccepted(String name) {
        assertEquals(Optional.empty(), PackageRef.problem(Registry.NPM, name, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-dash", "--index-url", "-c", ".dot", "dot.", "_under", "under_", "a b", "x;y", "$(id)",
            "", "a/b", "a==1"})
    void pypiNamesFollowPep508(String name) {
        assertTrue(PackageRef.problem(Registry.PYPI, name, Optional.empty()).isPresent(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mcp-server-git", "Django", "zope.interface", "a", "A1", "under_score"})
    void validPypiNamesAreAccepted(String name) {
        assertEquals(Optional.empty(), PackageRef.problem(Registry.PYPI, name, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "0.0.1", "2026.8.31", "1.2.3-beta.1", "1.0.0-rc.1+build.5", "10.20.30-alpha-1"})
    void exactNpmVersionsAreSemver(String version) {
        assertTrue(PackageRef.isExactVersion(Registry.NPM, version), version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0 --foo", "--foo", "-1.0.0", "01.0.0", "1.0", "1", "latest", "^1.0.0", "~1.0.0",
            "1.x", ">=1.0.0", "1.0.0-", "1.0.0-01", "1.0.0\n", "v1.0.0", ""})
    void anythingElseIsNotAnExactNpmVersion(String version) {
        assertFalse(PackageRef.isExactVersion(Registry.NPM, version), version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2025.1.14", "1.0rc1", "1.0.post1", "1!2.0", "1.0.dev3", "1.0+local.1", "1.0a1",
            "0.1.0b2.post3.dev4"})
    void exactPypiVersionsArePep440(String version) {
        assertTrue(PackageRef.isExactVersion(Registry.PYPI, version), version);
    }

    @ParameterizedTest
    @ValueSource(strings = {">=1.0", "==1.0", "1.*", "--index-url", "1.0 ;x", "1.0,<2", "latest", "", "1.0 --foo"})
    void anythingElseIsNotAnExactPypiVersion(String version) {
        assertFalse(PackageRef.isExactVersion(Registry.PYPI, version), version);
    }

    @Test
    void anNpmRequestMayNameATagButNeverAnOption() {
        assertEquals(Optional.empty(), PackageRef.problem(Registry.NPM, "pkg", Optional.of("next")));
        assertTrue(PackageRef.problem(Registry.NPM, "pkg", Optional.of("-next")).isPresent());
        assertTrue(PackageRef.problem(Registry.PYPI, "pkg", Optional.of("next")).isPresent());
    }

    @Test
    void versionsCannotSmuggleArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new PackageRef(Registry.NPM, "pkg", Optional.of("1.0.0 --registry=http://evil")));
        assertThrows(IllegalArgumentException.class, () -> new PackageRef(Registry.PYPI, "pkg", Optional.of("--index-url")));
    }
}
