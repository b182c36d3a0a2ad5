/** The official MCP registry's v0.1 read API as the analysis's {@code McpRegistry}. */
package live.catwalk.adapters.llm.mcpregistry;
