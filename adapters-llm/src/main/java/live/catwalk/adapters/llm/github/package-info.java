/** GitHub's REST API (or a mirror, or GitHub Enterprise) as the analysis's {@code RepositoryHost}. */
package live.catwalk.adapters.llm.github;
