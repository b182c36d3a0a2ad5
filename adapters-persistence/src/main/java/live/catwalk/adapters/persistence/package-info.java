/**
 * Persistence adapter (issue #4): {@link live.catwalk.adapters.persistence.Database#open} migrates PostgreSQL or
 * H2 with Flyway and hands out the jOOQ repositories as core's ports; {@code vault} holds the Tink secret cipher.
 * The jOOQ classes are generated in the build from {@code db/migration/common} and never leave this package.
 */
package live.catwalk.adapters.persistence;
