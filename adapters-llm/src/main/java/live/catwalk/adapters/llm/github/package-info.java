/**
 * GitHub's REST API (or a mirror, or GitHub Enterprise) as the analysis's {@code RepositoryHost}, and Catwalk's OAuth
 * app there as the {@code GitHubAccounts} people sign in with.
 */
package live.catwalk.adapters.llm.github;
