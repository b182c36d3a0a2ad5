// One official TypeScript MCP client against a deployment behind Catwalk: connect, tools/list, echo, close.
// Modes: auto (SDK v2 @modelcontextprotocol/client, versionNegotiation 'auto', as Claude Code runs it),
// pin (SDK v2 pinned to 2026-07-28) and legacy-v1 (SDK 1.x @modelcontextprotocol/sdk, 2025 only).
// Every HTTP request goes through a wrapped fetch that records its verb, the JSON-RPC methods posted, the
// MCP-Protocol-Version header and whether Mcp-Session-Id was sent, so the report shows whether initialize was
// ever sent. Prints one JSON report on stdout.
// Usage: node era-client.mjs <auto|pin|legacy-v1> <client package folder> <mcp url> <token>
import { pathToFileURL } from 'node:url';

const [mode, pkg, url, token] = process.argv.slice(2);
const auth = { Authorization: `Bearer ${token}` };
const report = { mode, requests: [] };

const recordingFetch = async (input, init = {}) => {
  const http = init.method ?? 'GET';
  const headers = new Headers(init.headers);
  const seen = (method) => ({ http, method, protocolVersionHeader: headers.get('mcp-protocol-version'),
    sessionHeader: headers.has('mcp-session-id') });
  const entries = [];
  if (http === 'POST' && typeof init.body === 'string') {
    const body = JSON.parse(init.body);
    for (const message of Array.isArray(body) ? body : [body]) {
      entries.push(seen(message.method ?? 'response'));
    }
  } else {
    entries.push(seen(null));
  }
  report.requests.push(...entries);
  const response = await fetch(input, init);
  entries.forEach((entry) => { entry.status = response.status; });
  return response;
};

let client;
let transport;
if (mode === 'legacy-v1') {
  const { Client } = await import(pathToFileURL(`${pkg}/dist/esm/client/index.js`));
  const { StreamableHTTPClientTransport } = await import(pathToFileURL(`${pkg}/dist/esm/client/streamableHttp.js`));
  client = new Client({ name: 'catwalk-it-v1', version: '1.0.0' });
  transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: auth }, fetch: recordingFetch });
  await client.connect(transport);
  report.era = 'legacy';
  report.protocolVersion = transport.protocolVersion;
} else {
  const { Client, StreamableHTTPClientTransport } = await import(pathToFileURL(`${pkg}/dist/index.mjs`));
  const negotiation = mode === 'auto' ? { mode: 'auto' } : mode === 'pin' ? { mode: { pin: '2026-07-28' } } : null;
  if (negotiation === null) {
    throw new Error(`unknown mode ${mode}: auto, pin or legacy-v1`);
  }
  client = new Client({ name: `catwalk-it-${mode}`, version: '2.0.0' }, { versionNegotiation: negotiation });
  transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: auth }, fetch: recordingFetch });
  await client.connect(transport);
  report.era = client.getProtocolEra();
  report.protocolVersion = client.getNegotiatedProtocolVersion();
}
report.sessionId = transport.sessionId ?? null;
report.tools = (await client.listTools()).tools.map((t) => t.name);
const echo = await client.callTool({ name: 'echo', arguments: { message: `hello from ${mode}` } });
report.echo = echo.content[0].text;
if (mode === 'legacy-v1') {
  await transport.terminateSession();
}
await client.close();
console.log(JSON.stringify(report));
