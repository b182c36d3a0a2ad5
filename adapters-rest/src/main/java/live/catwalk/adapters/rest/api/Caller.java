package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.core.SecurityContext;
import java.util.function.BooleanSupplier;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.CatwalkException;

/**
 * The authenticated caller as Jersey's security context; resources read it back with {@link #of}. {@code current}
 * says whether the credential the request came with (a token, a browser session) would still be accepted, for what
 * outlives the request, such as an event stream.
 */
record Caller(Principal principal, boolean secure, BooleanSupplier current) implements SecurityContext {

    /**
     * Asks whether the credential behind {@code context} still authenticates (always no if there is none). Read it
     * while the request is served: Jersey's injected context is a proxy that only works then.
     */
    static BooleanSupplier current(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Name name) {
            return name.current();
        }
        return () -> false;
    }

    /** The caller {@link BearerAuthFilter} authenticated; UNAUTHORIZED if it did not run (a wiring bug). */
    static Principal of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Name name) {
            return name.principal();
        }
        throw CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, "This endpoint needs a bearer token.");
    }

    @Override
    public java.security.Principal getUserPrincipal() {
        return new Name(principal, current);
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.role().name().equalsIgnoreCase(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }

    /** The user id as a {@link java.security.Principal}, carrying the whole caller and its credential's check. */
    private record Name(Principal principal, BooleanSupplier current) implements java.security.Principal {

        @Override
        public String getName() {
            return principal.user().toString();
        }
    }
}
