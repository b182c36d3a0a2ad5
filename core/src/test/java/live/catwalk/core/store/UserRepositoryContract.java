package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.Test;

/** What every {@code UserRepository} does. */
public abstract class UserRepositoryContract extends StoreContract {

    @Test
    void findsAStoredUserByIdAndByNameWithEveryField() {
        User user = fixtures.user("ann");
        User admin = fixtures.admin("root.admin_1-x");
        stores.users().insert(user);
        stores.users().insert(admin);

        assertEquals(Optional.of(user), stores.users().find(user.id()));
        assertEquals(Optional.of(user), stores.users().findByName("ann"));
        assertEquals(Optional.of(admin), stores.users().find(admin.id()));
        assertEquals(Optional.of(admin), stores.users().findByName("root.admin_1-x"));
    }

    @Test
    void findsNothingForAnUnknownIdOrName() {
        givenUser("ann");

        assertEquals(Optional.empty(), stores.users().find(fixtures.user("bob").id()));
        assertEquals(Optional.empty(), stores.users().findByName("bob"));
        assertEquals(Optional.empty(), stores.users().findByName("an"));
    }

    @Test
    void refusesATakenNameAsConflictAndKeepsTheFirstUser() {
        User first = givenUser("ann");

        assertFailsWith(Kind.CONFLICT, () -> stores.users().insert(fixtures.admin("ann")));

        assertEquals(Optional.of(first), stores.users().findByName("ann"));
        assertEquals(1, stores.users().count());
    }

    @Test
    void refusesATakenIdAsConflictAndKeepsTheFirstUser() {
        User first = givenUser("ann");
        User sameId = new User(first.id(), "bob", first.role(), fixtures.next());

        assertFailsWith(Kind.CONFLICT, () -> stores.users().insert(sameId));

        assertEquals(Optional.of(first), stores.users().find(first.id()));
        assertEquals(Optional.empty(), stores.users().findByName("bob"));
    }

    @Test
    void countsTheUsers() {
        assertEquals(0, stores.users().count());

        givenUser("ann");
        givenUser("bob");
        givenUser("cy");

        assertEquals(3, stores.users().count());
    }

    @Test
    void findsAUserByItsIdWhateverObjectCarriesIt() {
        User user = givenUser("ann");

        assertEquals(Optional.of(user), stores.users().find(UserId.parse(user.id().toString())));
    }

    @Test
    void listsUsersOldestFirstInPagesThatNeitherRepeatNorSkip() {
        User ann = givenUser("ann");
        User bob = givenUser("bob");
        User cy = givenUser("cy");

        assertEquals(List.of(ann, bob, cy), stores.users().list(0, 10));
        assertEquals(List.of(ann, bob), stores.users().list(0, 2));
        assertEquals(List.of(cy), stores.users().list(2, 2));
        assertEquals(List.of(), stores.users().list(3, 2));
    }

    @Test
    void refusesAListLimitOutsideOneTo500OrANegativeOffset() {
        assertThrows(IllegalArgumentException.class, () -> stores.users().list(0, 0));
        assertThrows(IllegalArgumentException.class, () -> stores.users().list(0, 501));
        assertThrows(IllegalArgumentException.class, () -> stores.users().list(-1, 10));
    }

    @Test
    void storesTheDisabledFlagAndClearsItAgain() {
        User ann = givenUser("ann");
        User bob = givenUser("bob");

        assertTrue(stores.users().setDisabled(ann.id(), true));

        assertEquals(Optional.of(ann.withDisabled(true)), stores.users().find(ann.id()));
        assertEquals(Optional.of(ann.withDisabled(true)), stores.users().findByName("ann"));
        assertEquals(List.of(ann.withDisabled(true), bob), stores.users().list(0, 10));
        assertTrue(stores.users().setDisabled(ann.id(), false));
        assertFalse(stores.users().find(ann.id()).orElseThrow().disabled());
    }

    @Test
    void insertsADisabledUserAsDisabledAndDisablesNoUnknownUser() {
        User gone = fixtures.user("gone").withDisabled(true);
        stores.users().insert(gone);

        assertEquals(Optional.of(gone), stores.users().find(gone.id()));
        assertFalse(stores.users().setDisabled(fixtures.user("ghost").id(), true));
        assertEquals(1, stores.users().count());
    }
}
