package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.ReplaceDeploymentEnv;
import live.catwalk.core.shared.domain.ServerCommand;
import org.junit.jupiter.api.Test;

/** Stop, start, restart, delete, replacing variables, rotating the token, events and logs, as seen by an owner. */
class LifecycleServicesTest {

    private final DeploymentHarness h = new DeploymentHarness();

    private Deployment running(String name) {
        Deployment deployment = h.deployment(h.ada, name);
        h.pass();
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status());
        return h.stored(deployment);
    }

    private DeploymentEvent lastEvent(Deployment deployment) {
        return h.stores.events().recent(deployment.id(), 1).getFirst();
    }

    @Test
    void stopWantsItStoppedStopsTheServerAndRecordsTheChange() {
        Deployment deployment = running("s");

        Deployment stopped = h.stop.stop(h.ada, deployment.id());

        assertEquals(DesiredState.STOPPED, stopped.desired());
        assertEquals(DeploymentStatus.STOPPED, stopped.status());
        assertEquals(List.of(deployment.id()), h.runtime.stops());
        assertEquals(Optional.of(DeploymentStatus.RUNNING), lastEvent(deployment).from());
        assertEquals(DeploymentStatus.STOPPED, lastEvent(deployment).to());
        h.pass();
        assertEquals(1, h.runtime.starts().size(), "the reconciler leaves a stopped deployment alone");
    }

    @Test
    void stoppingAStoppedDeploymentRecordsNoSecondEvent() {
        Deployment deployment = running("s");
        h.stop.stop(h.ada, deployment.id());
        int events = h.stores.events().recent(deployment.id(), 100).size();

        h.stop.stop(h.ada, deployment.id());

        assertEquals(events, h.stores.events().recent(deployment.id(), 100).size());
    }

    @Test
    void startAfterStopGoesBackToPendingAndTheReconcilerStartsItAgain() {
        Deployment deployment = running("s");
        h.stop.stop(h.ada, deployment.id());

        Deployment started = h.start.start(h.ada, deployment.id());
        h.pass();

        assertEquals(DesiredState.RUNNING, started.desired());
        assertEquals(DeploymentStatus.PENDING, started.status());
        assertEquals(DeploymentStatus.STARTING, h.stored(deployment).status());
        assertEquals(2, h.runtime.starts().size());
    }

    @Test
    void startGivesAFailedDeploymentAFreshStart() {
        Deployment deployment = running("f");
        h.runtime.set(deployment.id(), new RuntimeState.Failed("exited with 1"));
        h.pass();
        assertEquals(DeploymentStatus.FAILED, h.stored(deployment).status());

        assertEquals(DeploymentStatus.PENDING, h.start.start(h.ada, deployment.id()).status());
        h.pass();

        assertEquals(DeploymentStatus.STARTING, h.stored(deployment).status());
        assertEquals(Optional.empty(), h.stored(deployment).reason());
    }

    @Test
    void restartStopsTheServerRecordsTheRequestAndTheReconcilerStartsItAgain() {
        Deployment deployment = running("r");

        Deployment restarting = h.restart.restart(h.ada, deployment.id());

        assertEquals(DeploymentStatus.STARTING, restarting.status());
        assertEquals(List.of(deployment.id()), h.runtime.stops());
        assertEquals("restart requested", lastEvent(deployment).message());
        h.pass();
        assertEquals(2, h.runtime.starts().size());
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status());
    }

    @Test
    void deleteStopsTheServerAndRemovesTheDeploymentWithItsCredentialsAndTokens() {
        var created = h.created(h.ada, "d");
        Deployment deployment = created.deployment();
        h.pass();

        h.delete.delete(h.ada, deployment.id());

        assertEquals(List.of(deployment.id()), h.runtime.stops());
        assertEquals(Optional.empty(), h.stores.deployments().find(deployment.id()));
        assertTrue(h.stores.credentials().list(deployment.id()).isEmpty());
        assertEquals(Optional.empty(), h.stores.tokens().findByHash(TokenHash.of(created.token().secret())));
        AuditEntry audit = h.stores.audit().recent(1).getFirst();
        assertEquals(AuditAction.DEPLOYMENT_DELETED, audit.action());
        assertEquals(Optional.of(deployment.id().value()), audit.target());
    }

    @Test
    void replacingVariablesReplacesTheCredentialsAndNamesThenRestartsWithTheNewValues() {
        Deployment deployment = running("e");

        var result = h.replaceEnv.replace(h.ada, deployment.id(), Map.of("REGION", "eu", "TOKEN", "t-456"));
        h.pass();

        Deployment replaced = assertInstanceOf(ReplaceDeploymentEnv.Result.Replaced.class, result).deployment();
        assertEquals(List.of(new EnvVarName("REGION"), new EnvVarName("TOKEN")), replaced.spec().envNames());
        assertEquals(Map.of(new EnvVarName("REGION"), new SecretValue("eu"), new EnvVarName("TOKEN"),
                new SecretValue("t-456")), h.openCredentials.open(deployment.id()));
        assertEquals(List.of(deployment.id()), h.runtime.stops());
        ServerCommand restartedWith = h.runtime.starts().getLast().command();
        assertEquals(Map.of("REGION", "eu", "TOKEN", "t-456"), restartedWith.env());
        AuditEntry audit = h.stores.audit().recent(1).getFirst();
        assertEquals(AuditAction.CREDENTIALS_REPLACED, audit.action());
        assertEquals("variables REGION, TOKEN", audit.detail());
    }

    @Test
    void invalidVariablesChangeNothingAndReportEveryProblem() {
        Deployment deployment = running("e");

        var result = h.replaceEnv.replace(h.ada, deployment.id(), Map.of("LD_PRELOAD", "x", "ok", "y"));

        List<ValidationProblem> problems = assertInstanceOf(ReplaceDeploymentEnv.Result.Rejected.class, result)
                .problems();
        assertEquals(List.of("env.LD_PRELOAD", "env.ok"), problems.stream().map(ValidationProblem::field).toList());
        assertEquals(Map.of(new EnvVarName("API_KEY"), new SecretValue("sk-123")), h.openCredentials.open(deployment.id()));
        assertEquals(deployment, h.stored(deployment));
        assertEquals(List.of(), h.runtime.stops());
    }

    @Test
    void aNullValueIsReportedBesideTheOtherVariablesProblems() {
        Deployment deployment = running("e");
        Map<String, String> env = new HashMap<>();
        env.put("API_KEY", null);
        env.put("ok", "y");

        var result = h.replaceEnv.replace(h.ada, deployment.id(), env);

        List<ValidationProblem> problems = assertInstanceOf(ReplaceDeploymentEnv.Result.Rejected.class, result)
                .problems();
        assertEquals(List.of("env.API_KEY", "env.ok"), problems.stream().map(ValidationProblem::field).toList());
        assertEquals("must be a string", problems.getFirst().message());
        assertEquals(List.of(), h.runtime.stops());
    }

    @Test
    void rotatingTheTokenRevokesTheOldOneAtOnceAndTheNewOneIsLive() {
        CreateDeployment.Result.Created created = h.created(h.ada, "t");
        TokenHash old = TokenHash.of(created.token().secret());

        IssuedToken fresh = h.rotate.rotate(h.ada, created.deployment().id());

        assertTrue(h.stores.tokens().findByHash(old).orElseThrow().isRevoked());
        AccessToken now = h.stores.tokens().findByHash(TokenHash.of(fresh.secret())).orElseThrow();
        assertFalse(now.isRevoked());
        assertTrue(fresh.secret().startsWith("cwd_"));
        assertEquals(Optional.of(created.deployment().id()), now.deployment());
        AuditEntry audit = h.stores.audit().recent(1).getFirst();
        assertEquals(AuditAction.DEPLOYMENT_TOKEN_ROTATED, audit.action());
        assertFalse(audit.detail().contains(fresh.secret()) || audit.detail().contains(created.token().secret()));
        assertEquals(List.of(created.deployment().id()), h.runtime.sessionsEnded(), "sessions of the old token end");
    }

    @Test
    void eventsShowTheTimelineOldestFirstAndLogsComeFromTheRuntime() {
        Deployment deployment = running("l");
        h.runtime.logLines(deployment.id(), List.of("one", "two", "three"));

        assertEquals(List.of(DeploymentStatus.PENDING, DeploymentStatus.VALIDATING, DeploymentStatus.STARTING,
                        DeploymentStatus.RUNNING),
                h.events.events(h.ada, deployment.id(), 10).stream().map(DeploymentEvent::to).toList());
        assertEquals(List.of("two", "three"), h.logs.logs(h.ada, deployment.id(), 2));
    }
}
