package live.catwalk.core.store;

import static live.catwalk.core.deployment.domain.DeploymentStatus.FAILED;
import static live.catwalk.core.deployment.domain.DeploymentStatus.PENDING;
import static live.catwalk.core.deployment.domain.DeploymentStatus.STARTING;
import static live.catwalk.core.deployment.domain.DeploymentStatus.VALIDATING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code EventLog} does. */
public abstract class EventLogContract extends StoreContract {

    private Deployment weather;

    @BeforeEach
    protected final void givenADeployment() {
        weather = givenDeployment(givenUser("ann").id(), "weather");
    }

    @Test
    void keepsEveryFieldOfAnEventWithAndWithoutAPreviousStatus() {
        DeploymentEvent first = new DeploymentEvent(weather.id(), fixtures.next(), Optional.empty(), PENDING, "");
        DeploymentEvent second = new DeploymentEvent(weather.id(), fixtures.next(), Optional.of(PENDING), FAILED,
                "é".repeat(DeploymentEvent.MAX_MESSAGE));

        stores.events().append(first);
        stores.events().append(second);

        assertEquals(List.of(first, second), stores.events().recent(weather.id(), 10));
    }

    @Test
    void returnsTheLastEventsOldestFirst() {
        List<DeploymentEvent> events = IntStream.range(0, 5)
                .mapToObj(i -> fixtures.event(weather.id(), PENDING, VALIDATING)).toList();
        events.forEach(stores.events()::append);

        assertEquals(events.subList(2, 5), stores.events().recent(weather.id(), 3));
        assertEquals(events, stores.events().recent(weather.id(), 1000));
    }

    @Test
    void ordersEventsByTimeNotByWhenAppended() {
        DeploymentEvent earlier = fixtures.event(weather.id(), PENDING, VALIDATING);
        DeploymentEvent later = fixtures.event(weather.id(), VALIDATING, STARTING);
        stores.events().append(later);
        stores.events().append(earlier);

        assertEquals(List.of(earlier, later), stores.events().recent(weather.id(), 10));
    }

    @Test
    void keepsEventsOfOneInstantInTheOrderAppended() {
        Instant at = fixtures.next();
        List<DeploymentEvent> events = IntStream.range(0, 4).mapToObj(i ->
                new DeploymentEvent(weather.id(), at, Optional.of(PENDING), VALIDATING, "step " + i)).toList();
        events.forEach(stores.events()::append);

        assertEquals(events, stores.events().recent(weather.id(), 4));
        assertEquals(events.subList(2, 4), stores.events().recent(weather.id(), 2));
    }

    @Test
    void keepsEachDeploymentsTimelineApart() {
        Deployment git = givenDeployment(weather.owner(), "git");
        DeploymentEvent ofWeather = fixtures.event(weather.id(), PENDING, VALIDATING);
        DeploymentEvent ofGit = fixtures.event(git.id(), PENDING, FAILED);
        stores.events().append(ofWeather);
        stores.events().append(ofGit);

        assertEquals(List.of(ofWeather), stores.events().recent(weather.id(), 10));
        assertEquals(List.of(ofGit), stores.events().recent(git.id(), 10));
    }

    @Test
    void returnsNothingForADeploymentWithoutEventsOrAnUnknownOne() {
        assertEquals(List.of(), stores.events().recent(weather.id(), 10));
        assertEquals(List.of(), stores.events().recent(fixtures.deploymentId(), 10));
    }

    @Test
    void refusesAnEventOfAnUnknownDeploymentAsNotFound() {
        DeploymentEvent orphan = fixtures.event(fixtures.deploymentId(), PENDING, VALIDATING);

        assertFailsWith(Kind.NOT_FOUND, () -> stores.events().append(orphan));

        assertEquals(List.of(), stores.events().recent(orphan.deployment(), 10));
    }

    @Test
    void refusesALimitOutsideOneToAThousand() {
        stores.events().append(fixtures.event(weather.id(), PENDING, VALIDATING));

        assertThrows(IllegalArgumentException.class, () -> stores.events().recent(weather.id(), 0));
        assertThrows(IllegalArgumentException.class, () -> stores.events().recent(weather.id(), -5));
        assertThrows(IllegalArgumentException.class, () -> stores.events().recent(weather.id(), 1001));
        assertEquals(1, stores.events().recent(weather.id(), 1).size());
    }
}
