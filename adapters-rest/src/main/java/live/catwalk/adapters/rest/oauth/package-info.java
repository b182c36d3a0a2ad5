/** Catwalk as an OAuth 2.1 authorization server for its deployments: the endpoints a person's browser and MCP clients use. */
package live.catwalk.adapters.rest.oauth;
