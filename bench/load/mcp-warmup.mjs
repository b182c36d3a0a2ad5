// Warm-up curve of an MCP gateway: after one session is opened, workers send tools/call back to back over undici
// (one HTTP/1.1 connection per worker, as bench/load/mcp-load.mjs does) and the calls are cut, in the order they
// complete, into windows of --window calls up to --calls; each window's req/s, p50 and p99 (and with --gateway-pid
// the gateway's CPU per call) is printed. Then the load goes on for --steady-warmup seconds, unmeasured, and
// --steady seconds are measured as the steady state. Run it with Node 22 and without arguments for usage; undici
// comes from <repository>/.test-tools or $TEST_TOOLS.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = `usage: node bench/load/mcp-warmup.mjs [options] http <url> <bearer token>

options: --concurrency 64  --window 5000  --calls 50000  --steady-warmup 30  --steady 10  --label NAME
         --tsv FILE (appends: label, window, calls so far, seconds, req/s, p50 us, p99 us, gateway CPU us/call;
                     the steady state's window is "steady")
         --gateway-pid PID (utime+stime of this process, /proc/PID/stat, per window)`;

const named = { '--concurrency': '64', '--window': '5000', '--calls': '50000', '--steady-warmup': '30',
  '--steady': '10', '--label': 'http' };
const args = process.argv.slice(2);
let i = 0;
for (; i + 1 < args.length && args[i].startsWith('--'); i += 2) named[args[i]] = args[i + 1];
const numbers = ['--concurrency', '--window', '--calls', '--steady-warmup', '--steady'];
if (args[i] !== 'http' || args.length !== i + 3 || numbers.some((n) => !/^\d+$/.test(named[n]))
    || Number(named['--window']) < 1 || Number(named['--calls']) < Number(named['--window'])) {
  console.error(USAGE);
  process.exit(2);
}
const [concurrency, windowSize, totalCalls, steadyWarmup, steadySeconds] = numbers.map((n) => Number(named[n]));
const url = new URL(args[i + 1]);
const token = args[i + 2];
const label = named['--label'];
const tools = process.env.TEST_TOOLS ?? fileURLToPath(new URL('../../.test-tools', import.meta.url));
const { Pool } = createRequire(join(tools, 'package.json'))('undici');
const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1, headersTimeout: 30_000,
  bodyTimeout: 30_000 });

const hz = named['--gateway-pid'] ? Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) : 0;
function gatewayTicks() {
  if (!hz) return 0;
  const stat = readFileSync(`/proc/${named['--gateway-pid']}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

let sessionId;
let protocol = '2025-06-18';
async function exchange(body) {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream',
    'content-type': 'application/json' };
  if (sessionId !== undefined) Object.assign(headers, { 'mcp-session-id': sessionId, 'mcp-protocol-version': protocol });
  const answer = await pool.request({ path: url.pathname, method: body === undefined ? 'DELETE' : 'POST', headers, body });
  return { status: answer.statusCode, headers: answer.headers, body: await answer.body.text() };
}

/** The JSON-RPC message with this id in a JSON or SSE body, or undefined. */
function reply(answer, id) {
  if (answer.status !== 200) return undefined;
  const texts = String(answer.headers['content-type'] ?? '').startsWith('text/event-stream')
    ? answer.body.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()) : [answer.body];
  return texts.map((t) => JSON.parse(t)).find((m) => m.id === id);
}

const now = () => performance.now() * 1000; // microseconds
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] : 0);
function emit(window, calls, micros, latencies, ticks, errors) {
  latencies.sort((a, b) => a - b);
  const row = [label, window, calls, (micros / 1e6).toFixed(2), ((latencies.length / micros) * 1e6).toFixed(0),
    Math.round(percentile(latencies, 50)), Math.round(percentile(latencies, 99)),
    hz ? ((ticks / hz) * 1e6 / Math.max(1, latencies.length + errors)).toFixed(1) : '-'];
  console.log(row.join('\t'));
  if (named['--tsv']) appendFileSync(named['--tsv'], `${row.join('\t')}\n`);
}

async function main() {
  const init = await exchange(JSON.stringify({ jsonrpc: '2.0', id: -1, method: 'initialize', params: {
    protocolVersion: protocol, capabilities: {}, clientInfo: { name: 'mcp-warmup', version: '1' } } }));
  sessionId = init.headers['mcp-session-id'];
  const result = reply(init, -1)?.result;
  if (result === undefined) throw new Error(`initialize failed: HTTP ${init.status} ${init.body}`);
  protocol = result.protocolVersion ?? protocol;
  await exchange('{"jsonrpc":"2.0","method":"notifications/initialized"}');

  let ids = 1;
  let completed = 0;
  let errors = 0;
  let phase = 'windows'; // then 'settle', 'steady', 'stop'
  let latencies = [];
  let windowStart = now();
  let ticks = gatewayTicks();
  let steadyTimer;
  const tail = ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}';
  const finishWindow = () => {
    const t = now();
    const ticksNow = gatewayTicks();
    emit(completed / windowSize, completed, t - windowStart, latencies, ticksNow - ticks, errors);
    latencies = [];
    errors = 0;
    windowStart = t;
    ticks = ticksNow;
  };
  const worker = async () => {
    while (phase !== 'stop') {
      const id = ids++;
      const start = now();
      let ok = false;
      try {
        const m = reply(await exchange(`{"jsonrpc":"2.0","id":${id}${tail}`), id);
        ok = m?.result !== undefined && m.result.isError !== true;
      } catch {
        ok = false;
      }
      if (phase === 'windows' || phase === 'steady') {
        if (ok) latencies.push(now() - start);
        else errors++;
      }
      if (phase === 'windows' && ++completed % windowSize === 0) {
        finishWindow();
        if (completed >= totalCalls && steadySeconds === 0) {
          phase = 'stop';
        } else if (completed >= totalCalls) {
          phase = 'settle';
          steadyTimer = setTimeout(() => {
            phase = 'steady';
            latencies = [];
            errors = 0;
            windowStart = now();
            ticks = gatewayTicks();
            setTimeout(() => {
              emit('steady', '-', now() - windowStart, latencies, gatewayTicks() - ticks, errors);
              phase = 'stop';
            }, steadySeconds * 1000);
          }, steadyWarmup * 1000);
        }
      }
      if (!ok) await new Promise((r) => setTimeout(r, 1));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearTimeout(steadyTimer);
}

let status = 0;
try {
  await main();
} catch (e) {
  console.error(`mcp-warmup: ${label}: ${e.message ?? e}`);
  status = 1;
} finally {
  try {
    if (sessionId !== undefined) await exchange(undefined);
  } catch {
    // the gateway is about to be stopped anyway
  }
  await pool.close();
}
process.exit(status);
