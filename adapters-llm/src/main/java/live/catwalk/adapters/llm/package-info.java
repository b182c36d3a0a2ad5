/**
 * Everything the analysis reads: OpenRouter, GitHub, the npm and PyPI registries, the official MCP registry; and
 * GitHub as the accounts people sign in with.
 */
package live.catwalk.adapters.llm;
