// Runs the benchmarks and writes docs/BENCHMARKS.md (the table, the method and the machine).
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderConversations, runConversations, spliceConversations } from './conversations.mjs';
import { renderFiles, runFiles, spliceFiles } from './files.mjs';
import { renderPeers, runPeers, splicePeers } from './peers.mjs';

const { values: args } = parseArgs({
  options: {
    repeat: { type: 'string', default: '3' },
    'slow-repeat': { type: 'string', default: '3' },
    // The join storm and idle runs of the node peers take minutes each (their loads are O(N²)).
    'slow-servers': { type: 'string', default: 'parley,floor,ws,ws-strings,nestjs' },
    // "peers", "conversations" or "files": only that section, put into the BENCHMARKS.md there is.
    only: { type: 'string' },
  },
});

const root = new URL('..', import.meta.url).pathname;
if (args.only === 'peers') {
  const section = renderPeers(await runPeers({
    repeat: Number(args.repeat),
    slowRepeat: Number(args['slow-repeat']),
    slowServers: args['slow-servers'].split(','),
  }));
  splicePeers(`${root}docs/BENCHMARKS.md`, section);
  console.log(section);
  process.exit(0);
}
if (args.only === 'conversations') {
  const rounds = Number(args.repeat);
  const section = renderConversations(await runConversations({ rounds }), rounds);
  spliceConversations(`${root}docs/BENCHMARKS.md`, section);
  console.log(section);
  process.exit(0);
}
if (args.only === 'files') {
  const section = renderFiles(await runFiles({ rounds: Number(args.repeat) }));
  spliceFiles(`${root}docs/BENCHMARKS.md`, section);
  console.log(section);
  process.exit(0);
}
const guiBench = `${root}build/bench/gui/gui_bench`;
const serverBench = `${root}build/bench/server/server_bench`;
const env = { ...process.env, QT_QPA_PLATFORM: 'offscreen' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function gui(...args) {
  const out = execFileSync(guiBench, args, { env, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return JSON.parse(out.trim().split('\n').at(-1));
}

function repeat(times, fn) {
  return Array.from({ length: times }, fn);
}

console.log('desktop client: cold start, memory, append…');
const coldStarts = repeat(7, () => gui('cold-start').coldStartMs);
const memory = repeat(3, () => gui('memory', '100000'));
const append = (shown) => {
  const runs = repeat(3, () => gui('append', String(shown), '300'));
  return { p50: median(runs.map((r) => r.p50Ms)), p99: median(runs.map((r) => r.p99Ms)), delegates: runs[0].delegates };
};
const appendSmall = append(100);
const appendLarge = append(10000);
// 200 messages per second arriving in the open conversation for 20 s, three runs.
const streams = repeat(3, () => gui('stream', '200', '20'));
const streamed = (key) => median(streams.map((s) => s[key]));

console.log('history: latency and throughput with the database on disk and in memory…');
function history(...args) {
  const out = execFileSync(serverBench, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return JSON.parse(out.trim().split('\n').at(-1));
}
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'parley-bench-')), 'history.sqlite');
const runs = { disk: { rate: [], max: [] }, memory: { rate: [], max: [] } };
for (let i = 0; i < 3; ++i) { // alternate, so both see the same machine
  for (const [kind, db] of [['disk', dbFile()], ['memory', ':memory:']]) {
    runs[kind].rate.push(history('rate', db, '2000', '200'));
    runs[kind].max.push(history('max', db === ':memory:' ? db : dbFile(), '20000', '64'));
  }
}
const hist = (kind, mode, key) => median(runs[kind][mode].map((r) => r[key]));

console.log('a flooder: latency of everyone else with and without it…');
const abuse = { calm: [], flood: [], calmShort: [], guess: [], joins: [] };
for (let i = 0; i < 3; ++i) {
  for (const mode of ['calm', 'flood']) abuse[mode].push(history(mode, ':memory:', '300', '15'));
  // 100 chats at 20/s: five seconds, all of them while the 300 guesses are being checked.
  abuse.calmShort.push(history('calm', ':memory:', '100', '20'));
  abuse.guess.push(history('guess', ':memory:', '100', '20'));
  abuse.joins.push(history('joins', ':memory:', '100', '20'));
}
const ab = (mode, key) => median(abuse[mode].map((r) => r[key]));

console.log('Parley against the NestJS and ws gateways (server on CPU 0, load on CPU 1)…');
const peers = await runPeers({
  repeat: Number(args.repeat),
  slowRepeat: Number(args['slow-repeat']),
  slowServers: args['slow-servers'].split(','),
});

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const qt = execFileSync('sh', ['-c', "dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || true"]).toString();
const date = new Date().toISOString().slice(0, 10);
const fixed = (x, digits = 1) => Number(x).toFixed(digits);

const report = `# Benchmarks

Measured by \`bench/run\` on ${date}: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB,
Debian 12, Qt ${qt || '6.4'}. Numbers are medians of repeated runs in one session; rerun
\`bench/run\` to reproduce them on your machine.

${renderPeers(peers)}

## Desktop client

| what | result |
|---|---|
| cold start to first frame (main window, offscreen) | ${fixed(median(coldStarts))} ms (median of ${coldStarts.length}; min ${fixed(Math.min(...coldStarts))}, max ${fixed(Math.max(...coldStarts))}) |
| memory with 100,000 messages in the list | +${fixed(median(memory.map((m) => (m.rssAfterKiB - m.rssBeforeKiB) / 1024)))} MiB RSS, ${fixed(median(memory.map((m) => m.bytesPerMessage)), 0)} bytes per message |
| delegates alive with 100,000 messages (800×600 view) | ${memory[0].delegates} |
| append one message to rendered frame, 100 shown | p50 ${fixed(appendSmall.p50, 2)} ms, p99 ${fixed(appendSmall.p99, 2)} ms |
| append one message to rendered frame, 10,000 shown | p50 ${fixed(appendLarge.p50, 2)} ms, p99 ${fixed(appendLarge.p99, 2)} ms (${appendLarge.delegates} delegates alive) |
| 200 messages/s arriving for 20 s: frame time | p50 ${fixed(streamed('frameP50Ms'), 2)} ms, p99 ${fixed(streamed('frameP99Ms'), 2)} ms, max ${fixed(streamed('frameMaxMs'), 2)} ms (target: p99 ≤ 16 ms) |
| same: arrival to on screen | p50 ${fixed(streamed('toScreenP50Ms'), 2)} ms; p99 ${fixed(streamed('toScreenP99FirstHalfMs'), 2)} ms in the first 10 s, ${fixed(streamed('toScreenP99SecondHalfMs'), 2)} ms in the last 10 s (no backlog grows); every message shown, the view at the newest: ${streams.every((s) => s.shown === s.messages && s.followingNewest) ? 'yes' : 'no'} |

How: \`build/bench/gui/gui_bench\` under \`QT_QPA_PLATFORM=offscreen\` (Qt Quick's software
renderer, Fusion style).

- *Cold start* is a fresh process each run: the time from \`main()\` to the first
  \`QQuickWindow::frameSwapped\` of \`Main.qml\` (the start page), excluding the dynamic loader's
  work before \`main()\`.
- *Memory* is the growth of the process's RSS (\`/proc/self/status\`) after appending 100,000
  realistic messages (about 80 characters, a link in each) to \`MessageListModel\` while a
  \`MessageView\` shows them, measured after the next rendered frame. The HTML for links is made in
  \`data()\` for visible rows only, not stored per message.
- *Append* appends one chat to the model and waits for the next rendered frame, 300 times; the cost
  is the same with 100 and with 10,000 messages in the list because \`ListView\` creates delegates
  only for visible rows (the delegate count stays constant).
- *200 messages/s* (\`gui_bench stream 200 20\`): a conversation of 1,000 messages read at its
  newest; every 5 ms the messages due are decoded from their JSON frames and inserted, as the
  client does on receipt. A frame's time runs from the window's update request (polish, sync,
  render in the software renderer) to its swap; a message's from its arrival to the swap of the
  frame that shows it. Medians of three runs.

## Durable history

| | history on disk (SQLite, WAL, synchronous=FULL) | history in memory (\`--db :memory:\`) | persistence adds |
|---|---|---|---|
| end-to-end latency at 200 chats/s, 10 receivers, p50 | ${fixed(hist('disk', 'rate', 'p50Ms'), 2)} ms | ${fixed(hist('memory', 'rate', 'p50Ms'), 2)} ms | ${fixed(hist('disk', 'rate', 'p50Ms') - hist('memory', 'rate', 'p50Ms'), 2)} ms |
| same, p99 | ${fixed(hist('disk', 'rate', 'p99Ms'), 2)} ms | ${fixed(hist('memory', 'rate', 'p99Ms'), 2)} ms | ${fixed(hist('disk', 'rate', 'p99Ms') - hist('memory', 'rate', 'p99Ms'), 2)} ms |
| persisted chats per second (one sender, 64 unacked) | ${fixed(hist('disk', 'max', 'perSecond'), 0)} /s | ${fixed(hist('memory', 'max', 'perSecond'), 0)} /s | |

How: \`build/bench/server/server_bench\` starts the real \`parleyd\` (\`--db FILE\` or
\`--db :memory:\`) and talks to it over loopback with \`QWebSocket\`s in one process; disk and
memory runs alternate, three times each, and the table shows medians. *Latency* is from the
sender's \`sendTextMessage\` to each receiver's receipt of the chat (2,000 chats, 20,000
deliveries per run), so it includes the commit that must finish before the broadcast. *Persisted
chats per second* keeps 64 chats unacked and counts acks (20,000 chats); chats arriving in one
event-loop turn share one transaction and one fsync (group commit), which is why throughput on
disk stays within reach of memory.

## A flooder in the room

| 10 receivers, one sender at 15 chats/s, parleyd's default limits | p50 | p99 | delivered |
|---|---|---|---|
| calm room | ${fixed(ab('calm', 'p50Ms'), 2)} ms | ${fixed(ab('calm', 'p99Ms'), 2)} ms | ${ab('calm', 'deliveries')} of 3,000 |
| while another process floods the room | ${fixed(ab('flood', 'p50Ms'), 2)} ms | ${fixed(ab('flood', 'p99Ms'), 2)} ms | ${ab('flood', 'deliveries')} of 3,000 |

How: \`server_bench calm\` and \`server_bench flood\` (alternating, three runs each, medians). The
flooder is a separate process that writes chat frames as fast as its socket takes them and
reconnects 10 ms after every close. parleyd refuses its frames beyond 20/s (\`rate_limited\`), closes
it after 100 refusals without a quiet second between them (1008), and holds its address to 5 new connections per second
(bursts of 50; beyond, HTTP 429 before the handshake), so the others' messages keep flowing: the
cost that remains is reading and refusing the flood.

## Password guessing beside the room

| 10 receivers, one sender at 20 chats/s | p50 | p99 | delivered |
|---|---|---|---|
| calm room | ${fixed(ab('calmShort', 'p50Ms'), 2)} ms | ${fixed(ab('calmShort', 'p99Ms'), 2)} ms | ${ab('calmShort', 'deliveries')} of 1,000 |
| a room with a password, while 300 wrong guesses come from 300 addresses, 100 a second | ${fixed(ab('guess', 'p50Ms'), 2)} ms | ${fixed(ab('guess', 'p99Ms'), 2)} ms | ${ab('guess', 'deliveries')} of 1,000 |
| a room with a password, while 200 members with the right password join at once | ${fixed(ab('joins', 'p50Ms'), 2)} ms | ${fixed(ab('joins', 'p99Ms'), 2)} ms | ${ab('joins', 'deliveries')} of 1,000 |

The 200 who join at once are all in after **${fixed(median(abuse.joins.map((r) => r.joins.joinSeconds)), 1)} s** (${abuse.joins.map((r) => fixed(r.joins.joinSeconds, 1)).join(', ')}; ${abuse.joins.map((r) => r.joins.joined).join(', ')} of 200 in each run): 200 checks of tens of milliseconds on one core of the two (the pool has half the cores), ${fixed(median(abuse.joins.map((r) => r.joins.retries)), 0)} of their connections told to try again a moment later (at most 64 checks wait, the rest are closed with 1013 and come back as the desktop client does, after 1 s, then 2…, half of it random). When all 200 drop and come back at once with the identity tokens that proved the password, no check runs again: all are in after **${fixed(median(abuse.joins.map((r) => r.joins.rejoinSeconds)), 2)} s** (${abuse.joins.map((r) => r.joins.rejoined).join(', ')} of 200).

How: \`server_bench calm\` and \`server_bench guess\` (alternating, three runs each, medians,
\`:memory:\` history). The guesser is a separate process that opens each connection from its own
loopback address (127.0.1.1 and on) and says hello with a wrong password; the five seconds of chat
fall inside the guessing (\`server_bench joins\`: inside the joining). Each check is a PBKDF2 derivation of tens of milliseconds; they run on
\`PasswordChecker\`'s own pool, at most 64 waiting (4 per address), so the room's thread never
computes one. Before, with the checks on the room's thread (parleyd built from d8686c6^, measured
with this \`server_bench\` on this machine on 2026-12-03, three runs each): under the 300 guesses
other members' latency p50 1.23 s (1.11–1.39), p99 2.57 s (2.46–2.91); while the 200 joined, p50
3.89 s (3.47–4.05), and only 510–750 of the 1,000 chats arrived within the run; the 200 were in
after 6.2–6.6 s, and again after 5.8 s when they came back with their tokens.
`;

writeFileSync(`${root}docs/BENCHMARKS.md`, report);
console.log('conversations: one room, one busy channel, 200 channels…');
spliceConversations(`${root}docs/BENCHMARKS.md`,
  renderConversations(await runConversations({ rounds: Number(args.repeat) }), Number(args.repeat)));
// Last: it pins this process to the clients' core.
console.log('files: up, down, memory, chat while files move…');
spliceFiles(`${root}docs/BENCHMARKS.md`, renderFiles(await runFiles({ rounds: Number(args.repeat) })));
console.log(report);
