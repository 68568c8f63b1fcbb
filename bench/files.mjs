// Files over HTTP (issue 16), side by side in one run with a plain TCP copy of the same bytes
// (socat): upload and download throughput over loopback, the server's memory while a 1 GiB file
// comes in, and other members' chat latency while 100 MiB files move. The server (and socat's
// receiving end) run on core 0, the clients (and socat's sending end) on core 1; rounds alternate
// which goes first; medians over rounds, with their range.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spliceSection } from './sections.mjs';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const WebSocket = require('ws');
const root = new URL('..', import.meta.url).pathname;
const parleyd = `${root}build/server/parleyd/parleyd`;
const MiB = 1024 * 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fixed = (x, digits = 1) => (x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// p99 of 1,000 is the 10th slowest: a figure one stall of the VM does not make on its own.
const latencySamples = 1000;
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

function randomFile(path, bytes) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(8 * MiB);
  for (let done = 0; done < bytes; done += chunk.length) writeSync(fd, randomFillSync(chunk), 0, Math.min(chunk.length, bytes - done));
  closeSync(fd);
  const hash = createHash('sha256');
  const read = openSync(path, 'r');
  for (let n; (n = readSync(read, chunk, 0, chunk.length)) > 0;) hash.update(chunk.subarray(0, n));
  closeSync(read);
  return hash.digest('hex');
}

async function startParleyd(dir) {
  const child = spawn('taskset', ['-c', '0', parleyd, '--bind', '127.0.0.1', '--port', '0', '--db', join(dir, 'room.sqlite'),
    '--max-file-mib', '2048', '--max-storage-mib', '65536', '--uploads-per-minute', '100000', '--rate', '100000',
    '--burst', '100000', '--max-per-address', '100000', '--connection-rate', '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve) => child.stdout.on('data', (d) => {
    out += d;
    const match = out.match(/listening on (ws:\/\/[^\s]+)/);
    if (match) resolve(match[1]);
  }));
  return { child, url, http: url.replace(/^ws:/, 'http:').replace(/\/$/, ''), pid: child.pid };
}

function rssKiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]);
}

async function member(url, name) {
  const ws = new WebSocket(url);
  const listeners = new Set();
  ws.on('message', (data) => { const frame = JSON.parse(data); for (const l of listeners) l(frame); });
  await once(ws, 'open');
  const next = (predicate) => new Promise((resolve) => {
    const l = (frame) => { if (predicate(frame)) { listeners.delete(l); resolve(frame); } };
    listeners.add(l);
  });
  const welcome = next((f) => f.type === 'welcome');
  ws.send(JSON.stringify({ type: 'hello', name, protocol: 2 }));
  return { ws, next, listeners, welcome: await welcome, send: (o) => ws.send(JSON.stringify(o)) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(url, options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, ...options }, (res) => {
      let bytes = 0;
      res.on('data', (d) => { bytes += d.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Uploads a file as the desktop client does: announced on the WebSocket, then 8 MiB pieces. */
async function upload(server, who, path, sha256, clientId) {
  const size = statSync(path).size;
  const ready = who.next((f) => (f.type === 'upload_ready' || f.type === 'error') && f.clientId === clientId);
  who.send({ type: 'upload', conversation: 'general', name: 'bench.bin', size, sha256, clientId });
  const answer = await ready;
  if (answer.type !== 'upload_ready') throw new Error(`upload refused: ${answer.message}`);
  const fd = openSync(path, 'r');
  const piece = Buffer.alloc(8 * MiB);
  let status = 0;
  for (let offset = answer.offset; offset < size;) {
    const n = readSync(fd, piece, 0, Math.min(piece.length, size - offset), offset);
    ({ status } = await request(server.http + answer.url, {
      method: 'PUT', headers: { 'Content-Range': `bytes ${offset}-${offset + n - 1}/${size}`, 'Content-Length': n },
    }, piece.subarray(0, n)));
    if (status !== 204 && status !== 201) throw new Error(`PUT: HTTP ${status}`);
    offset += n;
  }
  closeSync(fd);
  if (status !== 201) throw new Error('the last piece was not stored');
}

/** socat copying a file over loopback: receiver on core 0 into target, sender on core 1. */
async function socatCopy(source, target, port) {
  const receiver = spawn('taskset', ['-c', '0', 'socat', '-u', `TCP-LISTEN:${port},reuseaddr,bind=127.0.0.1`,
    target === '/dev/null' ? 'OPEN:/dev/null' : `CREATE:${target}`]);
  await pause(200);
  const started = process.hrtime.bigint();
  execFileSync('taskset', ['-c', '1', 'socat', '-u', `OPEN:${source}`, `TCP:127.0.0.1:${port}`]);
  await once(receiver, 'exit');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function chatLatencies(a, b, count) {
  const samples = [];
  for (let i = 0; i < count; ++i) {
    const text = `t${i}-${Math.random()}`;
    const got = b.next((f) => f.type === 'chat' && f.text === text);
    const sent = process.hrtime.bigint();
    a.send({ type: 'chat', text, clientId: `l${i}-${Math.random()}` });
    await got;
    samples.push(Number(process.hrtime.bigint() - sent) / 1e6);
    await pause(20);
  }
  return samples;
}

export async function runFiles({ rounds = 3, log = console.log, bigMiB = 1024 } = {}) {
  execFileSync('taskset', ['-p', '-c', '1', String(process.pid)]); // the clients: core 1
  const work = mkdtempSync(join(tmpdir(), 'parley-bench-files-'));
  const big = join(work, 'big.bin');
  const mid = join(work, 'mid.bin');
  log(`files: making a ${bigMiB} MiB and a 100 MiB file…`);
  const bigSha = randomFile(big, bigMiB * MiB);
  const midSha = randomFile(mid, 100 * MiB);
  const runs = { socatUp: [], parleyUp: [], socatDown: [], parleyDown: [], rssGrowth: [], idleP50: [], idleP99: [], busyP50: [], busyP99: [] };
  for (let round = 0; round < rounds; ++round) {
    const dir = mkdtempSync(join(work, 'round-'));
    const server = await startParleyd(dir);
    const alice = await member(server.url, 'Alice');
    const bob = await member(server.url, 'Bob');
    const carol = await member(server.url, 'Carol');
    const order = round % 2 ? ['parley', 'socat'] : ['socat', 'parley'];
    for (const which of order) {
      if (which === 'socat') {
        log(`files, round ${round + 1}/${rounds}: socat up and down…`);
        runs.socatUp.push(await socatCopy(big, join(dir, 'socat-copy.bin'), 47901));
        rmSync(join(dir, 'socat-copy.bin'));
        runs.socatDown.push(await socatCopy(big, '/dev/null', 47902));
      } else {
        log(`files, round ${round + 1}/${rounds}: parley up and down…`);
        const before = rssKiB(server.pid);
        let peak = before;
        const sampler = setInterval(() => { peak = Math.max(peak, rssKiB(server.pid)); }, 20);
        const started = process.hrtime.bigint();
        const posted = bob.next((f) => f.type === 'chat' && f.file?.id === bigSha);
        await upload(server, alice, big, bigSha, `big-${round}`);
        runs.parleyUp.push(Number(process.hrtime.bigint() - started) / 1e9);
        clearInterval(sampler);
        runs.rssGrowth.push((peak - before) / 1024);
        await posted;
        const fetchStarted = process.hrtime.bigint();
        const got = await request(`${server.http}/files/${bigSha}?c=general&key=${encodeURIComponent(bob.welcome.fileKey)}`, { method: 'GET' });
        if (got.status !== 200 || got.bytes !== bigMiB * MiB) throw new Error(`download: HTTP ${got.status}, ${got.bytes} bytes`);
        runs.parleyDown.push(Number(process.hrtime.bigint() - fetchStarted) / 1e9);
      }
    }
    log(`files, round ${round + 1}/${rounds}: chat latency idle and while 100 MiB files move…`);
    const idle = await chatLatencies(bob, carol, latencySamples);
    // The uploader stands for another computer: a process of its own (in this one its work would
    // hold up the chatting members' event loop), niced, so that on the clients' one core it does
    // not delay them either; it still sends as fast as the room takes it whenever they are idle.
    const mover = spawn('nice', ['-n', '19', process.execPath, new URL(import.meta.url).pathname, 'upload-loop',
      server.url, mid, midSha], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(mover.stdout, 'data'); // its first upload is on its way
    const busy = await chatLatencies(bob, carol, latencySamples);
    mover.kill('SIGTERM');
    await once(mover, 'exit');
    runs.idleP50.push(percentile(idle, 0.5));
    runs.idleP99.push(percentile(idle, 0.99));
    runs.busyP50.push(percentile(busy, 0.5));
    runs.busyP99.push(percentile(busy, 0.99));
    for (const m of [alice, bob, carol]) m.ws.terminate();
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(work, { recursive: true, force: true });
  return { runs, rounds, bigMiB };
}

export function renderFiles({ runs, rounds, bigMiB }) {
  const range = (xs, digits = 1) => `${fixed(Math.min(...xs), digits)}–${fixed(Math.max(...xs), digits)}`;
  const rate = (seconds) => seconds.map((s) => bigMiB / s);
  const upRatio = runs.socatUp.map((s, i) => s / runs.parleyUp[i]);
  const downRatio = runs.socatDown.map((s, i) => s / runs.parleyDown[i]);
  const latencyRatio = runs.busyP99.map((x, i) => x / runs.idleP99[i]);
  return `<!-- files: written by bench/files.mjs -->
## Files

| ${bigMiB} MiB over loopback (${rounds} rounds, alternated; medians, range in brackets) | Parley | plain TCP copy (socat) | Parley / socat |
|---|---|---|---|
| upload (8 MiB pieces as the desktop client sends them, until the hash is checked and the chat posted) | ${fixed(median(rate(runs.parleyUp)), 0)} MiB/s (${range(rate(runs.parleyUp), 0)}) | ${fixed(median(rate(runs.socatUp)), 0)} MiB/s (${range(rate(runs.socatUp), 0)}) | **${fixed(median(upRatio), 2)}** |
| download (one GET) | ${fixed(median(rate(runs.parleyDown)), 0)} MiB/s (${range(rate(runs.parleyDown), 0)}) | ${fixed(median(rate(runs.socatDown)), 0)} MiB/s (${range(rate(runs.socatDown), 0)}) | **${fixed(median(downRatio), 2)}** |

- Target: at least 0.5 of the plain copy both ways. Per-round ratios: up ${upRatio.map((x) => fixed(x, 2)).join(', ')}; down ${downRatio.map((x) => fixed(x, 2)).join(', ')}.
- Server memory while the ${bigMiB} MiB file came in: RSS grew by **${fixed(median(runs.rssGrowth))} MiB** (${range(runs.rssGrowth)}); the target is under 32 MiB.
- Others' chat latency (${latencySamples} chats between two members, one every 20 ms): idle p50 ${fixed(median(runs.idleP50), 2)} / p99 ${fixed(median(runs.idleP99), 2)} ms; while a third member uploads 100 MiB files one after another, p50 ${fixed(median(runs.busyP50), 2)} / p99 ${fixed(median(runs.busyP99), 2)} ms: **${fixed(median(latencyRatio), 2)}×** idle at p99 (target ≤ 2×; per round ${latencyRatio.map((x) => fixed(x, 2)).join(', ')}).${median(latencyRatio) > 2 ? `
- **Not met at p99** (${fixed(median(latencyRatio), 2)}×). The uploader is a niced process of its own, so the tail is the room's. Its thread only reads the upload's bytes from the socket and hands them to the I/O thread that writes and hashes them (at a lower priority, nice 10, so the room takes the core from it at once); what is left is the room's thread copying the bytes out of the socket and the kernel's own work for them (loopback TCP, writeback of dirty pages) on the same core.` : ''}
<!-- /files -->`;
}

/** Puts the section into the Markdown file, in place of the one there (or at its end). */
export const spliceFiles = (path, section) => spliceSection(path, 'files', section);

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2] === 'upload-loop') {
  // A member uploading the same file again and again, until killed (see runFiles).
  const [url, path, sha256] = process.argv.slice(3);
  const server = { http: url.replace(/^ws:/, 'http:').replace(/\/$/, '') };
  const member_ = await member(url, 'Mover');
  process.stdout.write('started\n');
  for (let n = 0; ; ++n) await upload(server, member_, path, sha256, `loop-${process.pid}-${n}`);
} else if (process.argv[1] === new URL(import.meta.url).pathname) {
  const rounds = Number(process.env.ROUNDS ?? 1);
  const result = await runFiles({ rounds, bigMiB: Number(process.env.BIG_MIB ?? 1024) });
  console.log(JSON.stringify(result.runs));
  console.log(renderFiles(result));
}
