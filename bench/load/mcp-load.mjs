// McpLoad's Node client: the same MCP session and closed loop as bench/load/McpLoad.java, over undici (the HTTP
// stack behind Node's fetch, which the TypeScript MCP SDK uses), one HTTP/1.1 connection per worker. Prints the same
// table and --tsv line as McpLoad (with --gateway-pid, the gateway's CPU per call as a tenth column). undici comes
// from the pinned test tools in <repository>/.test-tools (installed by bench/run.sh), or from $TEST_TOOLS.
// Run it with Node 22 or later and without arguments for usage.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = `usage: node bench/load/mcp-load.mjs [options] http <url> <bearer token>

Opens one MCP session (initialize, notifications/initialized), checks one tools/call, warms up, then for each
concurrency level runs that many workers sending tools/call back to back over the session with undici, and prints
requests, errors, req/s and latency percentiles per level (microseconds), as McpLoad.java does. Answers as JSON or SSE.

options (before the mode): --levels 1,8,64  --warmup 30  --settle 2  --duration 10  --tool echo
  --arguments {"message":"hi"}  --label NAME  --tsv FILE   (as McpLoad's)
  --era 2025          2025 (2025-06-18, a session) or 2026 (2026-07-28, stateless: no initialize, no session, every
                      request with MCP-Protocol-Version, Mcp-Method, Mcp-Name and params._meta; a call succeeds when
                      its resultType is complete), as McpLoad's
  --gateway-pid PID[,PID]  read utime+stime of this process (/proc/PID/stat, not its children) when each measured
                      window starts and ends, and report its CPU per call in microseconds (a tenth --tsv column);
                      with several, their sum, and each one's joined by '+' in an eleventh column

exit status: 0 done (failed calls are counted as errors), 1 the session could not be set up, 2 bad arguments`;

const PROTOCOL = '2025-06-18';
const PROTOCOL_2026 = '2026-07-28';
const TIMEOUT_MS = 30_000;

function parse(args) {
  const named = { '--levels': '1,8,64', '--warmup': '30', '--settle': '2', '--duration': '10', '--tool': 'echo',
    '--arguments': '{"message":"hi"}', '--era': '2025' };
  const extra = ['--label', '--tsv', '--gateway-pid'];
  let i = 0;
  for (; i < args.length && args[i].startsWith('--'); i += 2) {
    if (!(args[i] in named) && !extra.includes(args[i])) throw new Error(`unknown option ${args[i]}`);
    if (i + 1 >= args.length) throw new Error(`${args[i]} needs a value`);
    named[args[i]] = args[i + 1];
  }
  if (args[i] !== 'http') throw new Error(i >= args.length ? 'missing mode (http)' : `unknown mode '${args[i]}', expected http`);
  const target = args.slice(i + 1);
  if (target.length !== 2) throw new Error('http needs exactly <url> <bearer token>');
  if (!/^https?:\/\/.+/.test(target[0])) throw new Error(`'${target[0]}' is not an http(s) URL`);
  const number = (option, min, max) => {
    const text = String(named[option]).trim();
    const value = Number(text);
    if (/^\d+$/.test(text) && value >= min && value <= max) return value;
    throw new Error(`${option}: '${text}' is not a whole number from ${min} to ${max}`);
  };
  const levels = named['--levels'].split(',').map((level) => { named['--level'] = level; return number('--level', 1, 4096); });
  const argumentsJson = named['--arguments'].trim();
  try {
    if (!argumentsJson.startsWith('{')) throw new Error();
    JSON.parse(argumentsJson);
  } catch {
    throw new Error('--arguments must be a JSON object');
  }
  if (!['2025', '2026'].includes(named['--era'])) {
    throw new Error(`--era must be 2025 or 2026, not '${named['--era']}'`);
  }
  const gatewayPids = named['--gateway-pid'] === undefined ? [] : named['--gateway-pid'].split(',')
    .map((pid) => { named['--pid'] = pid; return number('--pid', 1, 2 ** 31); });
  return { levels, warmup: number('--warmup', 0, 3600), settle: number('--settle', 0, 3600),
    duration: number('--duration', 1, 3600), tool: named['--tool'], argumentsJson, label: named['--label'] ?? 'http',
    tsv: named['--tsv'], gatewayPids, modern: named['--era'] === '2026', url: new URL(target[0]), token: target[1] };
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (e) {
  console.error(`mcp-load: ${e.message}\n\n${USAGE}`);
  process.exit(2);
}

const tools = process.env.TEST_TOOLS ?? fileURLToPath(new URL('../../.test-tools', import.meta.url));
const { Pool } = createRequire(join(tools, 'package.json'))('undici');

/** Log-linear buckets of microseconds, exact below 2048 us and to 0.1 % above: McpLoad's Histogram. */
class Histogram {
  static SUB = 1024;
  static SHIFTS = 30;
  counts = new Float64Array(2 * Histogram.SUB + Histogram.SHIFTS * Histogram.SUB);
  count = 0;
  max = 0;

  record(micros) {
    const value = Math.max(0, Math.min(Math.floor(micros), 2 ** (Histogram.SHIFTS + 10) - 1));
    this.counts[Histogram.index(value)]++;
    this.count++;
    this.max = Math.max(this.max, value);
  }

  static index(value) {
    if (value < 2 * Histogram.SUB) return value;
    const shift = Math.floor(Math.log2(value)) - 10;
    return 2 * Histogram.SUB + (shift - 1) * Histogram.SUB + (Math.floor(value / 2 ** shift) - Histogram.SUB);
  }

  static valueOf(index) {
    if (index < 2 * Histogram.SUB) return index;
    const shift = Math.floor((index - 2 * Histogram.SUB) / Histogram.SUB) + 1;
    const low = (((index - 2 * Histogram.SUB) % Histogram.SUB) + Histogram.SUB) * 2 ** shift;
    return low + 2 ** (shift - 1);
  }

  percentile(percent) {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((this.count * percent) / 100));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(Histogram.valueOf(i), this.max);
    }
    return this.max;
  }
}

const measured = options.gatewayPids.length > 0;
const ticksPerSecond = measured ? Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) : 0;
/** utime + stime of each gateway process in clock ticks (fields 14 and 15 of /proc/<pid>/stat; not its children). */
function gatewayTicks() {
  return options.gatewayPids.map((pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  });
}

const pool = new Pool(options.url.origin, { connections: Math.max(...options.levels), pipelining: 1,
  headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, connectTimeout: 10_000 });
const path = options.url.pathname + options.url.search;
let sessionId;
let protocol;

function headers() {
  const all = { authorization: `Bearer ${options.token}`, accept: 'application/json, text/event-stream',
    'content-type': 'application/json' };
  if (options.modern) {
    all['mcp-protocol-version'] = PROTOCOL_2026;
    all['mcp-method'] = 'tools/call';
    all['mcp-name'] = options.tool;
  } else if (sessionId !== undefined) {
    all['mcp-session-id'] = sessionId;
    all['mcp-protocol-version'] = protocol;
  }
  return all;
}

async function exchange(method, body) {
  const answer = await pool.request({ path, method, headers: headers(), body });
  return { status: answer.statusCode, headers: answer.headers, body: await answer.body.text() };
}

/** The message with this id in a JSON or SSE body. */
function reply(answer, id) {
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body}`);
  const messages = [];
  if (String(answer.headers['content-type'] ?? '').startsWith('text/event-stream')) {
    let data = [];
    for (const line of `${answer.body}\n\n`.split(/\r?\n/)) {
      if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      } else if (line === '' && data.length > 0) {
        messages.push(data.join('\n'));
        data = [];
      }
    }
  } else {
    messages.push(answer.body);
  }
  for (const text of messages) {
    const message = JSON.parse(text);
    if (message.id === id) return message;
  }
  throw new Error(`no reply with id ${id} in: ${answer.body}`);
}

const succeeded = (message) => message.result !== undefined && message.error === undefined && message.result.isError !== true
  && (!options.modern || message.result.resultType === 'complete');

async function open() {
  if (options.modern) return; // 2026-07-28: no initialize, no session
  const initialize = await exchange('POST', JSON.stringify({ jsonrpc: '2.0', id: -1, method: 'initialize',
    params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'mcp-load', version: '1' } } }));
  sessionId = initialize.headers['mcp-session-id'];
  const message = reply(initialize, -1);
  if (message.result === undefined) throw new Error(`initialize failed: ${JSON.stringify(message)}`);
  protocol = message.result.protocolVersion ?? PROTOCOL;
  const initialized = await exchange('POST', '{"jsonrpc":"2.0","method":"notifications/initialized"}');
  if (initialized.status !== 202) throw new Error(`notifications/initialized: HTTP ${initialized.status}`);
}

let ids = 1;
const meta = options.modern ? `,"_meta":{"io.modelcontextprotocol/protocolVersion":"${PROTOCOL_2026}",`
  + '"io.modelcontextprotocol/clientCapabilities":{}}' : '';
const callTail = `,"method":"tools/call","params":{"name":${JSON.stringify(options.tool)},`
  + `"arguments":${options.argumentsJson}${meta}}}`;
async function call() {
  const id = ids++;
  const message = reply(await exchange('POST', `{"jsonrpc":"2.0","id":${id}${callTail}`), id);
  if (!succeeded(message)) throw new Error(`not a success: ${JSON.stringify(message)}`);
  return true;
}

const now = () => performance.now() * 1000; // microseconds
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One level: workers calling back to back; only calls that start and end in the window count. The window opens
 * after settleSeconds and closes measureSeconds later; the gateway's CPU is read right when it opens and closes.
 */
async function level(workers, settleSeconds, measureSeconds) {
  const latency = new Histogram();
  let errors = 0;
  let from = Infinity;
  let to = Infinity;
  let stop = false;
  let cpu;
  let firstError;
  const clock = (async () => {
    await sleep(settleSeconds * 1000);
    from = now();
    const ticks = gatewayTicks();
    await sleep(measureSeconds * 1000);
    to = now();
    cpu = gatewayTicks().map((t, i) => t - ticks[i]);
    stop = true;
  })();
  const worker = async () => {
    while (!stop) {
      const start = now();
      let ok;
      let problem;
      try {
        ok = await call();
      } catch (e) {
        ok = false;
        problem = String(e.message ?? e);
      }
      const end = now();
      if (start >= from && end <= to) {
        if (ok) latency.record(end - start);
        else {
          errors++;
          firstError ??= problem;
        }
      }
      if (!ok) await sleep(1); // a dead target must not become a busy loop
    }
  };
  await Promise.all([clock, ...Array.from({ length: workers }, worker)]);
  const requests = latency.count + errors;
  const perCall = (ticks) => ((ticks / ticksPerSecond) * 1e6 / requests).toFixed(1);
  return { requests, errors, perSecond: latency.count / ((to - from) / 1e6), latency,
    cpuPerCall: !measured ? '-' : requests > 0 ? perCall(cpu.reduce((a, b) => a + b, 0)) : 'n/a',
    eachCpuPerCall: requests > 0 ? cpu.map(perCall).join('+') : 'n/a', firstError };
}

const columns = (row) => [row[0].padEnd(20), ...row.slice(1, 9).map((v, i) => String(v).padStart([5, 9, 7, 10, 8, 8, 8, 8][i])),
  ...(measured ? [String(row[9]).padStart(10)] : []), ...row.slice(10)].join(' ');

async function main() {
  try {
    await open();
    const first = `{"jsonrpc":"2.0","id":0${callTail}`;
    const message = reply(await exchange('POST', first), 0);
    if (!succeeded(message)) throw new Error(`the first tools/call failed: ${JSON.stringify(message)}`);
  } catch (e) {
    console.error(`mcp-load: ${options.label}: ${e.message ?? e}`);
    return 1;
  }
  console.error(`${options.label}: warming up for ${options.warmup} s, split across the levels`);
  for (const workers of options.levels) {
    if (options.warmup > 0) await level(workers, 0, Math.max(1, Math.floor(options.warmup / options.levels.length)));
  }
  console.log(columns(['target', 'conc', 'requests', 'errors', 'req/s', 'p50 us', 'p90 us', 'p99 us', 'max us', 'gw us/call',
    ...(options.gatewayPids.length > 1 ? ['each'] : [])]));
  for (const workers of options.levels) {
    const result = await level(workers, options.settle, options.duration);
    if (result.firstError !== undefined) {
      const first = result.firstError.length > 300 ? `${result.firstError.slice(0, 300)}…` : result.firstError;
      console.error(`${options.label}: ${result.errors} errors at concurrency ${workers}; the first: ${first}`);
    }
    const row = [options.label, workers, result.requests, result.errors, result.perSecond.toFixed(1),
      result.latency.percentile(50), result.latency.percentile(90), result.latency.percentile(99), result.latency.max,
      result.cpuPerCall, ...(options.gatewayPids.length > 1 ? [result.eachCpuPerCall] : [])];
    console.log(columns(row));
    if (options.tsv !== undefined) appendFileSync(options.tsv, `${row.join('\t')}\n`);
  }
  return 0;
}

let status = 1;
try {
  status = await main();
} finally {
  try {
    if (sessionId !== undefined) await exchange('DELETE', undefined);
  } catch {
    // best effort: the target is about to be stopped anyway
  }
  await pool.close();
}
process.exit(status);
