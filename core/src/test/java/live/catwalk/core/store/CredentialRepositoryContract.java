package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code CredentialRepository} does. */
public abstract class CredentialRepositoryContract extends StoreContract {

    private Deployment weather;

    @BeforeEach
    protected final void givenADeployment() {
        weather = givenDeployment(givenUser("ann").id(), "weather");
    }

    @Test
    void listsTheCredentialsGivenOrderedByName() {
        Credential zone = fixtures.credential(weather.id(), "ZONE", 1);
        Credential apiKey = fixtures.credential(weather.id(), "API_KEY", 4_000_000_000L);
        Credential b = fixtures.credential(weather.id(), "B", 2);

        stores.credentials().replaceAll(weather.id(), List.of(zone, apiKey, b));

        assertEquals(List.of(apiKey, b, zone), stores.credentials().list(weather.id()));
    }

    @Test
    void replacingDropsWhatTheNewSetLacks() {
        stores.credentials().replaceAll(weather.id(), List.of(fixtures.credential(weather.id(), "OLD", 1),
                fixtures.credential(weather.id(), "KEPT", 1)));
        Credential kept = fixtures.credential(weather.id(), "KEPT", 2);

        stores.credentials().replaceAll(weather.id(), List.of(kept));

        assertEquals(List.of(kept), stores.credentials().list(weather.id()));
    }

    @Test
    void replacingWithNothingRemovesEveryCredential() {
        stores.credentials().replaceAll(weather.id(), List.of(fixtures.credential(weather.id(), "API_KEY", 1)));

        stores.credentials().replaceAll(weather.id(), List.of());

        assertEquals(List.of(), stores.credentials().list(weather.id()));
    }

    @Test
    void keepsEachDeploymentsCredentialsApart() {
        Deployment git = givenDeployment(weather.owner(), "git");
        Credential ofWeather = fixtures.credential(weather.id(), "API_KEY", 1);
        Credential ofGit = fixtures.credential(git.id(), "API_KEY", 1);
        stores.credentials().replaceAll(weather.id(), List.of(ofWeather));
        stores.credentials().replaceAll(git.id(), List.of(ofGit));

        stores.credentials().replaceAll(git.id(), List.of());

        assertEquals(List.of(ofWeather), stores.credentials().list(weather.id()));
    }

    @Test
    void refusesCredentialsOfAnUnknownDeploymentAsNotFound() {
        var unknown = fixtures.deploymentId();

        assertFailsWith(Kind.NOT_FOUND, () -> stores.credentials()
                .replaceAll(unknown, List.of(fixtures.credential(unknown, "API_KEY", 1))));

        assertEquals(List.of(), stores.credentials().list(unknown));
    }

    @Test
    void refusesASetHoldingAnotherDeploymentsCredentialAndKeepsTheOldSet() {
        Deployment git = givenDeployment(weather.owner(), "git");
        List<Credential> old = List.of(fixtures.credential(weather.id(), "API_KEY", 1));
        stores.credentials().replaceAll(weather.id(), old);

        assertThrows(IllegalArgumentException.class, () -> stores.credentials().replaceAll(weather.id(),
                List.of(fixtures.credential(weather.id(), "A", 2), fixtures.credential(git.id(), "B", 2))));

        assertEquals(old, stores.credentials().list(weather.id()));
        assertEquals(List.of(), stores.credentials().list(git.id()));
    }

    @Test
    void refusesASetNamingAVariableTwiceAndKeepsTheOldSet() {
        List<Credential> old = List.of(fixtures.credential(weather.id(), "API_KEY", 1));
        stores.credentials().replaceAll(weather.id(), old);

        assertThrows(IllegalArgumentException.class, () -> stores.credentials().replaceAll(weather.id(),
                List.of(fixtures.credential(weather.id(), "A", 2), fixtures.credential(weather.id(), "A", 2))));

        assertEquals(old, stores.credentials().list(weather.id()));
    }

    @Test
    void listsNothingForADeploymentWithoutCredentialsOrAnUnknownOne() {
        assertEquals(List.of(), stores.credentials().list(weather.id()));
        assertEquals(List.of(), stores.credentials().list(fixtures.deploymentId()));
    }

    @Test
    void deletesEveryCredentialOfADeploymentAndCountsThem() {
        stores.credentials().replaceAll(weather.id(), List.of(fixtures.credential(weather.id(), "A", 1),
                fixtures.credential(weather.id(), "B", 1)));

        assertEquals(2, stores.credentials().deleteAll(weather.id()));
        assertEquals(0, stores.credentials().deleteAll(weather.id()));
        assertEquals(0, stores.credentials().deleteAll(fixtures.deploymentId()));
        assertEquals(List.of(), stores.credentials().list(weather.id()));
    }

    @Test
    void aReaderSeesTheOldSetOrTheNewOneNeverAMix() {
        List<List<Credential>> sets = List.of(set(1, "A", "B", "C", "D"), set(2, "B", "C", "E"));
        stores.credentials().replaceAll(weather.id(), sets.getFirst());
        AtomicBoolean writing = new AtomicBoolean(true);

        List<Optional<Throwable>> outcomes = Race.run(List.<Runnable>of(() -> {
            try {
                for (int i = 1; i <= 200; i++) {
                    stores.credentials().replaceAll(weather.id(), sets.get(i % 2));
                }
            } finally {
                writing.set(false);
            }
        }, () -> {
            while (writing.get()) {
                List<Credential> seen = stores.credentials().list(weather.id());
                if (!sets.contains(seen)) {
                    throw new AssertionError("a mix of two sets: " + seen);
                }
            }
        }));

        assertEquals(List.of(Optional.empty(), Optional.empty()), outcomes);
    }

    private List<Credential> set(long keyId, String... names) {
        return Arrays.stream(names).map(n -> fixtures.credential(weather.id(), n, keyId)).toList();
    }
}
