/**
 * Everything the analysis reads: OpenRouter, GitHub, the npm and PyPI registries, the official MCP registry.
 */
package live.catwalk.adapters.llm;
