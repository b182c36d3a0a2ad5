/**
 * Persistence adapter: Flyway migrations, jOOQ repositories and the Tink secret cipher (issue #4).
 */
package live.catwalk.adapters.persistence;
