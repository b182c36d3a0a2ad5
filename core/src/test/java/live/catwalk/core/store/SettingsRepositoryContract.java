package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code SettingsRepository} does. */
public abstract class SettingsRepositoryContract extends StoreContract {

    private static final SettingName OPENROUTER = SettingName.OPENROUTER_API_KEY;
    private static final SettingName FLY = SettingName.FLY_API_TOKEN;

    private User ann;

    @BeforeEach
    protected final void givenAUser() {
        ann = givenUser("ann");
    }

    @Test
    void readsBackTheSealedBytesAndKeyOfASetting() {
        SealedSecret sealed = fixtures.sealed(7_000_000_001L);

        stores.settings().put(ann.id(), OPENROUTER, sealed, fixtures.next());

        assertEquals(Optional.of(sealed), stores.settings().find(ann.id(), OPENROUTER));
    }

    @Test
    void replacesASettingThatWasSet() {
        SealedSecret second = fixtures.sealed(2);
        stores.settings().put(ann.id(), OPENROUTER, fixtures.sealed(1), fixtures.next());

        stores.settings().put(ann.id(), OPENROUTER, second, fixtures.next());

        assertEquals(Optional.of(second), stores.settings().find(ann.id(), OPENROUTER));
        assertEquals(Set.of(OPENROUTER), stores.settings().names(ann.id()));
    }

    @Test
    void keepsSettingsApartByUserAndName() {
        User bob = givenUser("bob");
        SealedSecret annKey = fixtures.sealed(1);
        SealedSecret annFly = fixtures.sealed(1);
        SealedSecret bobKey = fixtures.sealed(1);
        stores.settings().put(ann.id(), OPENROUTER, annKey, fixtures.next());
        stores.settings().put(ann.id(), FLY, annFly, fixtures.next());
        stores.settings().put(bob.id(), OPENROUTER, bobKey, fixtures.next());

        assertEquals(Optional.of(annKey), stores.settings().find(ann.id(), OPENROUTER));
        assertEquals(Optional.of(annFly), stores.settings().find(ann.id(), FLY));
        assertEquals(Optional.of(bobKey), stores.settings().find(bob.id(), OPENROUTER));
        assertEquals(Optional.empty(), stores.settings().find(bob.id(), FLY));
    }

    @Test
    void namesWhatAUserHasSet() {
        assertEquals(Set.of(), stores.settings().names(ann.id()));

        stores.settings().put(ann.id(), FLY, fixtures.sealed(1), fixtures.next());
        assertEquals(Set.of(FLY), stores.settings().names(ann.id()));

        stores.settings().put(ann.id(), OPENROUTER, fixtures.sealed(1), fixtures.next());
        assertEquals(Set.of(FLY, OPENROUTER), stores.settings().names(ann.id()));
    }

    @Test
    void refusesASettingOfAnUnknownUserAsNotFound() {
        User ghost = fixtures.user("ghost");

        assertFailsWith(Kind.NOT_FOUND,
                () -> stores.settings().put(ghost.id(), FLY, fixtures.sealed(1), fixtures.next()));

        assertEquals(Optional.empty(), stores.settings().find(ghost.id(), FLY));
    }

    @Test
    void findsNothingForAnUnknownUser() {
        User ghost = fixtures.user("ghost");

        assertEquals(Optional.empty(), stores.settings().find(ghost.id(), OPENROUTER));
        assertEquals(Set.of(), stores.settings().names(ghost.id()));
    }

    @Test
    void deletesASettingOnceAndLeavesTheOthers() {
        SealedSecret fly = fixtures.sealed(1);
        stores.settings().put(ann.id(), OPENROUTER, fixtures.sealed(1), fixtures.next());
        stores.settings().put(ann.id(), FLY, fly, fixtures.next());

        assertTrue(stores.settings().delete(ann.id(), OPENROUTER));
        assertFalse(stores.settings().delete(ann.id(), OPENROUTER));

        assertEquals(Optional.empty(), stores.settings().find(ann.id(), OPENROUTER));
        assertEquals(Optional.of(fly), stores.settings().find(ann.id(), FLY));
        assertEquals(Set.of(FLY), stores.settings().names(ann.id()));
    }

    @Test
    void deletesNothingThatWasNeverSet() {
        assertFalse(stores.settings().delete(ann.id(), FLY));
        assertFalse(stores.settings().delete(fixtures.user("ghost").id(), FLY));
    }
}
