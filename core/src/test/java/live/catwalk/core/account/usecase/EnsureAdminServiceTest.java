package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** The embedded default's first start: an admin and a first token, only on an empty store. */
class EnsureAdminServiceTest {

    private final AccountHarness h = new AccountHarness();

    @Test
    void onAnEmptyStoreCreatesAnAdminWithAWorkingFirstToken() {
        IssuedToken first = h.ensureAdmin.ensureAdmin("admin").orElseThrow();

        User admin = h.stores.users().findByName("admin").orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(first.secret().startsWith("cwk_"));
        Principal principal = h.authenticate.authenticate(first.secret()).orElseThrow();
        assertEquals(admin.id(), principal.user());
        assertTrue(principal.isAdmin());
    }

    @Test
    void doesNothingWhenUsersExist() {
        h.ensureAdmin.ensureAdmin("admin");

        assertEquals(Optional.empty(), h.ensureAdmin.ensureAdmin("admin"));
        assertEquals(Optional.empty(), h.ensureAdmin.ensureAdmin("other"));
        assertEquals(1, h.stores.users().count());
    }

    @Test
    void anInvalidNameIsInvalidInputOnName() {
        var e = assertThrows(CatwalkException.class, () -> h.ensureAdmin.ensureAdmin("Not A Name"));

        assertEquals(Optional.of("name"), e.field());
        assertEquals(0, h.stores.users().count());
    }
}
