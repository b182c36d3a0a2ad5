// The official TypeScript SDK v2 client (@modelcontextprotocol/client), versionNegotiation 'auto' (as Claude Code
// runs it), calling server-everything's trigger-elicitation-request behind Catwalk. The client declares elicitation
// and answers every elicitation/create with a fixed form; on 2026-07-28 the server's question comes back as an
// input_required result, which the client fulfils through that same handler and retries (inputRequired
// autoFulfill, its default). Every HTTP request is recorded (verb, JSON-RPC method, whether it carried
// inputResponses and requestState), and what the handler was asked. Prints one JSON report on stdout.
// Usage: node mrtr-client.mjs <client package folder> <mcp url> <token>
import { pathToFileURL } from 'node:url';

const [pkg, url, token] = process.argv.slice(2);
const auth = { Authorization: `Bearer ${token}` };
const report = { requests: [], asked: [] };

const recordingFetch = async (input, init = {}) => {
  const entry = { http: init.method ?? 'GET' };
  if (entry.http === 'POST' && typeof init.body === 'string') {
    const body = JSON.parse(init.body);
    entry.method = body.method ?? 'response';
    entry.inputResponses = Object.keys(body.params?.inputResponses ?? {});
    entry.requestState = typeof body.params?.requestState === 'string';
  }
  report.requests.push(entry);
  const response = await fetch(input, init);
  entry.status = response.status;
  return response;
};

const { Client, StreamableHTTPClientTransport } = await import(pathToFileURL(`${pkg}/dist/index.mjs`));
const client = new Client({ name: 'catwalk-it-mrtr', version: '2.0.0' },
  { versionNegotiation: { mode: 'auto' }, capabilities: { elicitation: { form: {} } } });
client.setRequestHandler('elicitation/create', async (request) => {
  report.asked.push(request.params.message);
  return { action: 'accept', content: { name: 'Grace Hopper', check: true } };
});
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: auth }, fetch: recordingFetch });
await client.connect(transport);
report.era = client.getProtocolEra();
report.protocolVersion = client.getNegotiatedProtocolVersion();
report.tools = (await client.listTools()).tools.map((t) => t.name);
const result = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
report.text = result.content.map((c) => c.text ?? '').join('\n');
await client.close();
console.log(JSON.stringify(report));
