// A minimal stdio MCP server for tests that need many cheap processes: initialize, ping, and two tools,
// "echo" ({message}) and "sleep" ({ms}, answers after that long). Exits when stdin closes. With the argument
// --no-ping it never answers ping, as a hung server.
import { createInterface } from 'node:readline';

const answersPing = !process.argv.includes('--no-ping');
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const text = (id, value) => send({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: value }] } });

createInterface({ input: process.stdin })
  .on('line', (line) => {
    let m;
    try { m = JSON.parse(line); } catch { return; }
    if (m.id === undefined || !m.method) return;
    if (m.method === 'initialize') {
      send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
        capabilities: { tools: {} }, serverInfo: { name: 'tiny', version: '1' } } });
    } else if (m.method === 'ping') {
      if (answersPing) send({ jsonrpc: '2.0', id: m.id, result: {} });
    } else if (m.method === 'tools/call' && m.params.name === 'sleep') {
      setTimeout(() => text(m.id, 'slept'), m.params.arguments.ms);
    } else if (m.method === 'tools/call' && m.params.name === 'echo') {
      text(m.id, String(m.params.arguments.message));
    } else {
      send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'no such method' } });
    }
  })
  .on('close', () => process.exit(0));
