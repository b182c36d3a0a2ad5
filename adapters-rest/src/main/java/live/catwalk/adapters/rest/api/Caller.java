package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.core.SecurityContext;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.CatwalkException;

/** The authenticated caller as Jersey's security context; resources read it back with {@link #of}. */
record Caller(Principal principal, boolean secure) implements SecurityContext {

    /** The caller {@link BearerAuthFilter} authenticated; UNAUTHORIZED if it did not run (a wiring bug). */
    static Principal of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Name name) {
            return name.principal();
        }
        throw CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, "This endpoint needs a bearer token.");
    }

    @Override
    public java.security.Principal getUserPrincipal() {
        return new Name(principal);
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

    /** The user id as a {@link java.security.Principal}, carrying the whole caller. */
    private record Name(Principal principal) implements java.security.Principal {

        @Override
        public String getName() {
            return principal.user().toString();
        }
    }
}
