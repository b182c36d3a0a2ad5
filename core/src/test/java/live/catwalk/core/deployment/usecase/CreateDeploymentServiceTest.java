package live.catwalk.core.deployment.usecase;

import static live.catwalk.core.deployment.usecase.DeploymentHarness.EVERYTHING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;
import live.catwalk.core.deployment.port.in.CreateDeployment.Result;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** Creating deployments: validation as a whole, registry lookups, and what is stored. */
class CreateDeploymentServiceTest {

    private final DeploymentHarness h = new DeploymentHarness();

    @Test
    void createsAPendingDeploymentPinnedToTheResolvedVersionWithSealedVariablesATokenAnEventAndAnAuditRow() {
        Result.Created created = h.created(h.ada, "everything");

        Deployment deployment = created.deployment();
        assertEquals(h.ada.user(), deployment.owner());
        assertEquals(DeploymentStatus.PENDING, deployment.status());
        assertEquals(DesiredState.RUNNING, deployment.desired());
        assertEquals(new Launch.Package(new PackageRef(PackageRef.Registry.NPM, EVERYTHING, Optional.of("2.0.0"))),
                deployment.spec().launch());
        assertEquals(List.of(new EnvVarName("API_KEY")), deployment.spec().envNames());
        assertEquals(SessionMode.SHARED, deployment.spec().sessionMode());
        assertEquals(Optional.of(deployment), h.stores.deployments().find(deployment.id()));

        List<Credential> sealed = h.stores.credentials().list(deployment.id());
        assertEquals(1, sealed.size());
        assertFalse(new String(sealed.getFirst().value().ciphertext()).contains("sk-123"));
        assertEquals(Map.of(new EnvVarName("API_KEY"), new SecretValue("sk-123")), h.openCredentials.open(deployment.id()));

        String secret = created.token().secret();
        assertTrue(secret.startsWith("cwd_"), secret);
        AccessToken stored = h.stores.tokens().findByHash(TokenHash.of(secret)).orElseThrow();
        assertEquals(Optional.of(deployment.id()), stored.deployment());
        assertEquals(secret.substring(0, 12), stored.prefix());

        List<DeploymentEvent> events = h.stores.events().recent(deployment.id(), 10);
        assertEquals(1, events.size());
        assertEquals(Optional.empty(), events.getFirst().from());
        assertEquals(DeploymentStatus.PENDING, events.getFirst().to());

        AuditEntry audit = h.stores.audit().recent(1).getFirst();
        assertEquals(AuditAction.DEPLOYMENT_CREATED, audit.action());
        assertEquals(Optional.of(deployment.id().value()), audit.target());
        assertFalse(audit.detail().contains("sk-123") || audit.detail().contains(secret));
    }

    @Test
    void anExplicitVersionOrTagIsPinnedAndIsolatedModeIsKept() {
        h.registry.tag(EVERYTHING, "next", "1.0.0");
        var request = new CreateDeployment.Command(h.ada, "tagged",
                Optional.of(new PackageRequest("npm", EVERYTHING, Optional.of("next"))), Optional.empty(), Map.of(),
                Optional.of("isolated"));

        Deployment deployment = ((Result.Created) h.create.create(request)).deployment();

        assertEquals(new Launch.Package(new PackageRef(PackageRef.Registry.NPM, EVERYTHING, Optional.of("1.0.0"))),
                deployment.spec().launch());
        assertEquals(SessionMode.ISOLATED, deployment.spec().sessionMode());
    }

    @Test
    void reportsEveryProblemOfARequestAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("lower", "x");
        env.put("PATH", "/tmp");
        env.put("BIG", "x".repeat(EnvRules.MAX_VALUE_BYTES + 1));
        var request = new CreateDeployment.Command(h.ada, " ",
                Optional.of(new PackageRequest("npm", "Not_A_Name", Optional.empty())), Optional.empty(), env,
                Optional.of("sometimes"));

        Result result = h.create.create(request);

        List<ValidationProblem> problems = assertInstanceOf(Result.Rejected.class, result).problems();
        assertEquals(Set.of("name", "package.name", "env.lower", "env.PATH", "env.BIG", "sessionMode"),
                problems.stream().map(ValidationProblem::field).collect(Collectors.toSet()), problems.toString());
        assertEquals(6, problems.size());
        assertTrue(problems.stream().allMatch(p -> p.hint().isPresent()), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.message().contains("xxxx") || p.message().contains("/tmp")));
        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
    }

    @Test
    void aMissingNameIsReportedBesideAMissingPackage() {
        Map<String, String> env = new HashMap<>();
        env.put("1X", "v");
        env.put("B", null);
        var empty = new CreateDeployment.Command(h.ada, null, Optional.empty(), Optional.empty(), env,
                Optional.empty());

        List<ValidationProblem> problems = assertInstanceOf(Result.Rejected.class, h.create.create(empty)).problems();

        assertEquals(List.of("name", "package", "env.1X", "env.B"),
                problems.stream().map(ValidationProblem::field).toList());
        assertEquals("is required", problems.get(0).message());
        assertEquals("is required", problems.get(1).message());
        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
    }

    @Test
    void otherProblemsAreReportedAlongsideTheRegistrysAnswer() {
        var request = new CreateDeployment.Command(h.ada, "x".repeat(101),
                Optional.of(new PackageRequest("npm", "@acme/missing", Optional.empty())), Optional.empty(),
                Map.of("9LIVES", "x"), Optional.empty());

        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(request)).problems();

        assertEquals(List.of("name", "package.name", "env.9LIVES"), problems.stream().map(ValidationProblem::field).toList());
    }

    @Test
    void aPackageOrVersionTheRegistryDoesNotHaveIsAProblemWithAHint() {
        var missingPackage = new CreateDeployment.Command(h.ada, "a",
                Optional.of(new PackageRequest("pypi", "no-such-server", Optional.empty())), Optional.empty(),
                Map.of(), Optional.empty());
        var missingVersion = new CreateDeployment.Command(h.ada, "b",
                Optional.of(new PackageRequest("npm", EVERYTHING, Optional.of("9.9.9"))), Optional.empty(),
                Map.of(), Optional.empty());

        ValidationProblem noPackage = ((Result.Rejected) h.create.create(missingPackage)).problems().getFirst();
        ValidationProblem noVersion = ((Result.Rejected) h.create.create(missingVersion)).problems().getFirst();

        assertEquals("package.name", noPackage.field());
        assertTrue(noPackage.message().contains("not found on pypi"), noPackage.message());
        assertEquals("package.version", noVersion.field());
        assertTrue(noVersion.hint().orElseThrow().contains("2.0.0"), noVersion.hint().toString());
    }

    @Test
    void badRegistryAndVersionSyntaxAreReportedWithoutAskingTheRegistry() {
        h.registry.unavailable(true);
        var badRegistry = new CreateDeployment.Command(h.ada, "a",
                Optional.of(new PackageRequest("maven", "x", Optional.empty())), Optional.empty(), Map.of(),
                Optional.empty());
        var badVersion = new CreateDeployment.Command(h.ada, "b",
                Optional.of(new PackageRequest("pypi", "mcp-server-git", Optional.of("^1.0"))), Optional.empty(),
                Map.of(), Optional.empty());

        assertEquals("package.registry", ((Result.Rejected) h.create.create(badRegistry)).problems().getFirst().field());
        assertEquals("package.version", ((Result.Rejected) h.create.create(badVersion)).problems().getFirst().field());
    }

    @Test
    void aCommandFromANonAdminIsAProblemAndFromAnAdminItIsStoredAsGiven() {
        List<String> argv = List.of("python3", "-m", "server");

        Result refused = h.create.create(DeploymentHarness.commandRequest(h.ada, "custom", argv));
        Result accepted = h.create.create(DeploymentHarness.commandRequest(h.root, "custom", argv));

        assertEquals(List.of("command"), ((Result.Rejected) refused).problems().stream().map(ValidationProblem::field).toList());
        assertEquals(new Launch.Command(argv), ((Result.Created) accepted).deployment().spec().launch());
    }

    @Test
    void neitherOrBothOfPackageAndCommandIsAProblem() {
        var neither = new CreateDeployment.Command(h.root, "n", Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty());
        var both = new CreateDeployment.Command(h.root, "b",
                Optional.of(new PackageRequest("npm", EVERYTHING, Optional.empty())), Optional.of(List.of("node")),
                Map.of(), Optional.empty());

        assertEquals("package", ((Result.Rejected) h.create.create(neither)).problems().getFirst().field());
        assertEquals("command", ((Result.Rejected) h.create.create(both)).problems().getFirst().field());
    }

    @Test
    void tooManyBytesInAllIsAProblemOnEnv() {
        Map<String, String> big = new HashMap<>();
        for (int i = 0; i < EnvRules.MAX_VARIABLES; i++) {
            big.put("VAR_" + i, "x".repeat(1000));
        }
        var request = new CreateDeployment.Command(h.ada, "big", DeploymentHarness.request(h.ada, "x").pkg(),
                Optional.empty(), big, Optional.empty());

        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(request)).problems();

        assertEquals(List.of("env"), problems.stream().map(ValidationProblem::field).toList());
        assertTrue(problems.getFirst().message().contains("bytes of names and values"), problems.toString());
    }

    @Test
    void aNameTheOwnerAlreadyUsesIsAProblemOnName() {
        h.created(h.ada, "everything");

        Result second = h.create.create(DeploymentHarness.request(h.ada, "everything"));
        Result otherUser = h.create.create(DeploymentHarness.request(h.bob, "everything"));

        assertEquals("name", ((Result.Rejected) second).problems().getFirst().field());
        assertInstanceOf(Result.Created.class, otherUser);
    }

    @Test
    void anUnavailableRegistryThrowsAndStoresNothing() {
        h.registry.unavailable(true);

        var e = assertThrows(CatwalkException.class, () -> h.create.create(DeploymentHarness.request(h.ada, "x")));

        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
        assertTrue(h.stores.audit().recent(10).isEmpty());
    }

    @Test
    void aFailureAfterTheDeploymentRowLeavesNothingHalfWritten() {
        var failingCredentials = new CreateDeploymentService(h.stores.deployments(), h.stores.events(),
                h.stores.tokens(), h.stores.audit(), command -> {
                    throw new IllegalStateException("vault down");
                }, h.registry, h.randomness, h.clock);

        assertThrows(IllegalStateException.class, () -> failingCredentials.create(DeploymentHarness.request(h.ada, "x")));

        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
        assertTrue(h.stores.tokens().listByOwner(h.ada.user()).isEmpty());
    }
}
