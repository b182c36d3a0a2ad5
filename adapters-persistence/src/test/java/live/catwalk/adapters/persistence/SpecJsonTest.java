package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;

/** The stored spec JSON: a package's arguments round-trip, and rows written before arguments existed still read. */
class SpecJsonTest {

    private static final PackageRef FILESYSTEM = new PackageRef(PackageRef.Registry.NPM,
            "@modelcontextprotocol/server-filesystem", Optional.of("2026.1.14"));

    @Test
    void aPackagesArgumentsRoundTrip() {
        var spec = new DeploymentSpec("files", new Launch.Package(FILESYSTEM, List.of("/data", "--x=a b", "")),
                List.of(), SessionMode.SHARED);

        String json = SpecJson.write(spec);

        assertTrue(json.contains("\"args\":[\"/data\",\"--x=a b\",\"\"]"), json);
        assertEquals(spec, SpecJson.read("files", json));
    }

    @Test
    void aPackageWithoutArgumentsIsWrittenAsBeforeArgumentsExisted() {
        var spec = new DeploymentSpec("files", new Launch.Package(FILESYSTEM), List.of(), SessionMode.SHARED);

        String json = SpecJson.write(spec);

        assertFalse(json.contains("args"), json);
        assertEquals(spec, SpecJson.read("files", json));
    }

    @Test
    void aRowWrittenBeforeArgumentsExistedReadsAsAPackageWithoutArguments() {
        String old = "{\"launch\":{\"package\":{\"registry\":\"npm\",\"name\":\"@modelcontextprotocol/server-filesystem\","
                + "\"version\":\"2026.1.14\"}},\"envNames\":[\"API_KEY\"],\"sessionMode\":\"isolated\"}";

        DeploymentSpec spec = SpecJson.read("files", old);

        assertEquals(new Launch.Package(FILESYSTEM, List.of()), spec.launch());
        assertEquals(SessionMode.ISOLATED, spec.sessionMode());
    }

    @Test
    void theIdleTimeBeforeSuspensionRoundTripsAndAnOlderRowHasNone() {
        var spec = new DeploymentSpec("files", new Launch.Package(FILESYSTEM), List.of(), SessionMode.SHARED,
                java.util.Optional.of(java.time.Duration.ofMinutes(15)));

        String json = SpecJson.write(spec);

        assertTrue(json.contains("\"suspendAfterMinutes\":15"), json);
        assertEquals(spec, SpecJson.read("files", json));
        var never = new DeploymentSpec("files", new Launch.Package(FILESYSTEM), List.of(), SessionMode.SHARED);
        assertFalse(SpecJson.write(never).contains("suspend"), "written as before suspension existed");
        assertEquals(never, SpecJson.read("files", SpecJson.write(never)));
    }
}
