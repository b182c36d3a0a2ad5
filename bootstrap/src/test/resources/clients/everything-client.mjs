// Drives a real MCP server behind Catwalk with the official TypeScript SDK client, then drops a stream
// mid-call and resumes it with raw fetch. Prints one JSON report on stdout.
// Usage: node everything-client.mjs <@modelcontextprotocol/sdk folder> <mcp url> <token>
import { pathToFileURL } from 'node:url';

const [sdk, url, token] = process.argv.slice(2);
const { Client } = await import(pathToFileURL(`${sdk}/dist/esm/client/index.js`));
const { StreamableHTTPClientTransport } = await import(pathToFileURL(`${sdk}/dist/esm/client/streamableHttp.js`));
const auth = { Authorization: `Bearer ${token}` };
const report = {};

// 1. The SDK client: initialize, tools/list, echo, a long tool with progress, DELETE.
const client = new Client({ name: 'catwalk-it', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: auth } });
await client.connect(transport);
report.sessionId = transport.sessionId;
report.tools = (await client.listTools()).tools.map((t) => t.name);
report.echo = (await client.callTool({ name: 'echo', arguments: { message: 'hello catwalk' } })).content[0].text;
const progress = [];
const long = await client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 4 } },
  undefined, { onprogress: (p) => progress.push(p.progress), timeout: 30000 });
report.progress = progress;
report.long = long.content[0].text;
report.env = (await client.callTool({ name: 'get-env', arguments: {} })).content[0].text;
await transport.terminateSession();
await client.close();

// 2. A dropped stream, resumed: raw POST, read up to the first progress event, drop, GET with Last-Event-ID.
const headers = { ...auth, Accept: 'application/json, text/event-stream', 'Content-Type': 'application/json' };
const rpc = (id, method, params) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const init = await fetch(url, { method: 'POST', headers, body: rpc(1, 'initialize',
  { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } }) });
const session = init.headers.get('mcp-session-id');
await init.text();
const inSession = { ...headers, 'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2025-11-25' };
await fetch(url, { method: 'POST', headers: inSession, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });

async function* events(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = {};
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) event[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
        }
        if (event.id !== undefined || event.data !== undefined) yield event;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

const abort = new AbortController();
const call = await fetch(url, { method: 'POST', headers: inSession, signal: abort.signal,
  body: rpc(7, 'tools/call', { name: 'trigger-long-running-operation', arguments: { duration: 2, steps: 4 },
    _meta: { progressToken: 'resume-token' } }) });
let lastEventId;
const beforeDrop = [];
for await (const event of events(call)) {
  lastEventId = event.id ?? lastEventId;
  if (event.data) {
    const message = JSON.parse(event.data);
    beforeDrop.push(message.method ?? `response ${message.id}`);
    if (message.method === 'notifications/progress') break;
  }
}
abort.abort();
report.beforeDrop = beforeDrop;

const resumed = await fetch(url, { method: 'GET', headers: { ...inSession, Accept: 'text/event-stream', 'Last-Event-ID': lastEventId } });
report.resumeStatus = resumed.status;
const afterResume = [];
for await (const event of events(resumed)) {
  if (!event.data) continue;
  const message = JSON.parse(event.data);
  afterResume.push(message.method ? `${message.method} ${message.params.progress}` : `response ${message.id}`);
  if (message.id === 7) break;
}
report.afterResume = afterResume;
await fetch(url, { method: 'DELETE', headers: inSession });
console.log(JSON.stringify(report));
