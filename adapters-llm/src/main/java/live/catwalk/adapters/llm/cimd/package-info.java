/** MCP clients' metadata documents (CIMD) fetched from the internet as OAuth's {@code ClientMetadataDocuments}. */
package live.catwalk.adapters.llm.cimd;
