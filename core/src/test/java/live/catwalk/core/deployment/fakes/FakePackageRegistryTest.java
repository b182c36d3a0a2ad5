package live.catwalk.core.deployment.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import live.catwalk.core.deployment.port.out.PackageRegistry.Lookup;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

class FakePackageRegistryTest {

    private final FakePackageRegistry registry = new FakePackageRegistry()
            .publish(Registry.NPM, "@modelcontextprotocol/server-everything", "1.0.0", "2.0.0", "3.0.0-beta.1")
            .tag("@modelcontextprotocol/server-everything", "latest", "2.0.0")
            .tag("@modelcontextprotocol/server-everything", "next", "3.0.0-beta.1")
            .publish(Registry.PYPI, "mcp-server-time", "0.5.0", "0.6.2");

    @Test
    void answersLikeTheRegistriesDoForLatestExactTaggedAndMissing() {
        assertEquals(new Lookup.Found("2.0.0"), lookup(Registry.NPM, "@modelcontextprotocol/server-everything", null));
        assertEquals(new Lookup.Found("1.0.0"), lookup(Registry.NPM, "@modelcontextprotocol/server-everything", "1.0.0"));
        assertEquals(new Lookup.Found("3.0.0-beta.1"), lookup(Registry.NPM, "@modelcontextprotocol/server-everything", "next"));
        assertEquals(new Lookup.NoSuchVersion("2.0.0"), lookup(Registry.NPM, "@modelcontextprotocol/server-everything", "9.9.9"));
        assertEquals(new Lookup.NoSuchPackage(), lookup(Registry.NPM, "left-pad", null));
        assertEquals(new Lookup.Found("0.6.2"), lookup(Registry.PYPI, "MCP_Server.Time", null));
        assertEquals(new Lookup.NoSuchVersion("0.6.2"), lookup(Registry.PYPI, "mcp-server-time", "0.1"));
        assertEquals(new Lookup.NoSuchPackage(), lookup(Registry.PYPI, "server-everything", null));
    }

    @Test
    void throwsRegistryUnavailableWhileSwitchedOff() {
        registry.unavailable(true);

        CatwalkException e = assertThrows(CatwalkException.class, () -> lookup(Registry.PYPI, "mcp-server-time", null));
        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("registry_unavailable", e.code());
        assertEquals(new Lookup.Found("0.6.2"), registry.unavailable(false).lookup(
                new PackageRef(Registry.PYPI, "mcp-server-time", Optional.empty())));
    }

    private Lookup lookup(Registry r, String name, String version) {
        return registry.lookup(new PackageRef(r, name, Optional.ofNullable(version)));
    }
}
