/**
 * The command line's client verbs ({@code login}, {@code deploy}, {@code ls}, …): REST clients of a Catwalk
 * server's API, knowing nothing of core or the adapters, only the API's JSON.
 */
package live.catwalk.bootstrap.cli;
