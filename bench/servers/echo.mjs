// The smallest stdio MCP server that bench/run.sh can drive (BENCH_SERVER=bench/servers/echo.mjs): answers
// initialize, ping, tools/list and tools/call echo with newline-delimited JSON-RPC, and nothing else. It separates a
// gateway's cost from the cost of a real server such as server-everything.
import { createInterface } from 'node:readline';

const answer = (id, result) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\n');
const fail = (id, code, message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }) + '\n');
const tool = { name: 'echo', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } };

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = line.trim() ? JSON.parse(line) : {};
  if (message.id === undefined || message.method === undefined) {
    return; // notifications and responses need no answer
  }
  switch (message.method) {
    case 'initialize':
      return answer(message.id, { protocolVersion: message.params.protocolVersion, capabilities: { tools: {} },
        serverInfo: { name: 'bench-echo', version: '1.0.0' } });
    case 'ping':
      return answer(message.id, {});
    case 'tools/list':
      return answer(message.id, { tools: [tool] });
    case 'tools/call':
      return message.params?.name === 'echo'
        ? answer(message.id, { content: [{ type: 'text', text: `Echo: ${message.params.arguments?.message}` }] })
        : fail(message.id, -32602, `Unknown tool: ${message.params?.name}`);
    default:
      return fail(message.id, -32601, `Method not found: ${message.method}`);
  }
});
