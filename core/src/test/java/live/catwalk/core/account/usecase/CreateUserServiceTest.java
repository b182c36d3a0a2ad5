package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.port.in.CreateUser;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** Admins add users, each with a first token that signs them in as themselves. */
class CreateUserServiceTest {

    private final AccountHarness h = new AccountHarness();

    @Test
    void anAdminCreatesAUserWhoseFirstTokenSignsThemIn() {
        Principal admin = h.authenticate.authenticate(h.ensureAdmin.ensureAdmin("admin").orElseThrow().secret())
                .orElseThrow();

        CreateUser.Created created = h.createUser.create(new CreateUser.Command(admin, "bob", Role.USER));

        assertEquals("bob", created.user().name());
        Principal bob = h.authenticate.authenticate(created.token().secret()).orElseThrow();
        assertEquals(created.user().id(), bob.user());
        assertEquals(Role.USER, bob.role());
        assertTrue(h.stores.audit().recent(10).stream().anyMatch(e -> e.action() == AuditAction.USER_CREATED
                && !e.detail().contains(created.token().secret())));
    }

    @Test
    void aUserWhoIsNotAnAdminIsForbidden() {
        Principal alice = h.signedIn("alice");

        var e = assertThrows(CatwalkException.class,
                () -> h.createUser.create(new CreateUser.Command(alice, "bob", Role.USER)));

        assertEquals(CatwalkException.Kind.FORBIDDEN, e.kind());
        assertEquals(Optional.empty(), h.stores.users().findByName("bob"));
    }

    @Test
    void aTakenNameIsAConflictAndABadNameIsInvalidInputOnName() {
        Principal admin = h.authenticate.authenticate(h.ensureAdmin.ensureAdmin("admin").orElseThrow().secret())
                .orElseThrow();
        h.createUser.create(new CreateUser.Command(admin, "bob", Role.USER));

        var taken = assertThrows(CatwalkException.class,
                () -> h.createUser.create(new CreateUser.Command(admin, "bob", Role.ADMIN)));
        var bad = assertThrows(CatwalkException.class,
                () -> h.createUser.create(new CreateUser.Command(admin, "Bob Smith", Role.USER)));

        assertEquals(CatwalkException.Kind.CONFLICT, taken.kind());
        assertEquals(CatwalkException.Kind.INVALID_INPUT, bad.kind());
        assertEquals(Optional.of("name"), bad.field());
        assertEquals(2, h.stores.users().count());
    }
}
