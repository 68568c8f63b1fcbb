// Conversations (protocol 2) beside the one room, side by side in one run: the fixed load in
// #general as a v1 room, in one busy channel of v2 members, and spread over 200 channels with
// 1,000 members each in 10. Servers alternate; medians over rounds, with their spread.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { measure, servers } from './peers.mjs';
import { spliceSection } from './sections.mjs';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const WebSocket = require('ws');

const fixedLoad = { clients: 500, senders: 10, messages: 100, rate: 10 };
export const scenarios = [
  { key: 'room', server: 'parley', label: 'one room (protocol 1, #general), N = 500', options: fixedLoad },
  { key: 'channel', server: 'parley-channel', label: 'one busy channel (protocol 2), N = 500',
    options: { ...fixedLoad, channels: 1, join: 1 } },
  { key: 'many', server: 'parley-200', label: '200 channels, 1,000 members each in 10 (protocol 2)',
    options: { ...fixedLoad, clients: 1000, channels: 200, join: 10 } },
];

export async function runConversations({ rounds = 3, log = console.log } = {}) {
  const runs = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  for (let r = 0; r < rounds; ++r) {
    const order = r % 2 ? [...scenarios].reverse() : scenarios;
    for (const scenario of order) {
      log(`conversations, round ${r + 1}/${rounds}: ${scenario.key}…`);
      const result = await measure(scenario.server, 'fanout', scenario.options);
      if (result) runs[scenario.key].push(result);
    }
  }
  log('conversations: coming back to 200 conversations…');
  runs.rejoin = await runRejoin({ log });
  return runs;
}

// Coming back to 200 conversations (issue 15): a member of 200 channels and a direct
// conversation reads up to the last seq and leaves, others post in every one of them (and to it
// directly), and it comes back with its token. With one `since` in its hello it sends one frame;
// without that combined resume a client asks each conversation's `history` (as many as the
// welcome's unread count, the least it can ask for), all at once or one after the other. Every
// mode comes back to a batch of its own; modes alternate within each round.
const rejoin = { channels: 200, posters: 4, perChannel: 3, direct: 5 };
export const rejoinModes = [
  { key: 'resume', label: 'one `since` in the hello (the resume)' },
  { key: 'pipelined', label: 'a `history` request per conversation, all sent at once' },
  { key: 'oneByOne', label: 'a `history` request per conversation, one after the other' },
];

/** A connection that counts the frames it sends and receives, and the bytes on its socket. */
function connect(url) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const member = { ws, sent: 0, received: 0, types: {}, waiting: new Set(), onFrame: undefined };
  ws.on('upgrade', (response) => { member.socket = response.socket; });
  ws.on('message', (data) => {
    const frame = JSON.parse(data);
    ++member.received;
    member.types[frame.type] = (member.types[frame.type] ?? 0) + 1;
    member.onFrame?.(frame);
    for (const w of [...member.waiting]) {
      if (w.predicate(frame)) { member.waiting.delete(w); w.resolve(frame); }
    }
  });
  member.send = (frame) => { ++member.sent; ws.send(JSON.stringify(frame)); };
  member.next = (predicate) => new Promise((resolve) => member.waiting.add({ predicate, resolve }));
  member.opened = once(ws, 'open');
  return member;
}

async function hello(url, name, extra = {}) {
  const member = connect(url);
  await member.opened;
  const welcome = member.next((f) => f.type === 'welcome');
  member.send({ type: 'hello', name, protocol: 2, ...extra });
  member.welcome = await welcome;
  return member;
}

async function conversations(member, frames) {
  const answers = frames.map((f) => member.next((a) => a.type === 'error'
    || (a.type === 'conversation' && (!f.conversation || a.conversation.id === f.conversation))));
  for (const f of frames) member.send(f);
  const all = await Promise.all(answers);
  const refused = all.find((a) => a.type === 'error');
  if (refused) throw new Error(`rejoin: ${refused.code}: ${refused.message}`);
  return all.map((a) => a.conversation);
}

export async function runRejoin({ rounds = 5, log = console.log } = {}) {
  const self = String(process.pid);
  const affinity = execFileSync('taskset', ['-p', self]).toString().trim().split(' ').at(-1);
  execFileSync('taskset', ['-a', '-p', '-c', '1', self]); // the clients on core 1, the server on 0
  const [program, ...args] = servers['parley-200'].command();
  const child = spawn('taskset', ['-c', '0', program, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let out = '';
    const url = await new Promise((resolve, reject) => {
      child.on('exit', () => reject(new Error('parleyd exited')));
      child.stdout.on('data', (d) => {
        out += d;
        const match = out.match(/listening on (ws:\/\/[^\s]+)/);
        if (match) resolve(match[1]);
      });
    });
    return await rejoinRounds(url, rounds, log);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    execFileSync('taskset', ['-a', '-p', affinity, self]);
  }
}

async function rejoinRounds(url, rounds, log) {
  const token = `bench-rejoin-${randomUUID()}`;
  let me = await hello(url, 'Rejoiner', { token });
  const { roomId } = me.welcome;
  const byName = new Map(me.welcome.conversations.map((c) => [c.name, c.id]));
  const channels = Array.from({ length: rejoin.channels }, (_, k) => byName.get(`c${k}`));
  await conversations(me, channels.map((id) => ({ type: 'join_channel', conversation: id })));
  const posters = [];
  for (let p = 0; p < rejoin.posters; ++p) {
    const poster = await hello(url, `Poster ${p}`);
    poster.channels = channels.filter((_, k) => k % rejoin.posters === p);
    await conversations(poster, poster.channels.map((id) => ({ type: 'join_channel', conversation: id })));
    posters.push(poster);
  }
  const [direct] = await conversations(posters[0], [{ type: 'open_direct', member: me.welcome.you.id }]);
  const mine = [...channels, direct.id];
  const seen = new Map(mine.map((id) => [id, 0])); // the newest seq the member has, per conversation
  const note = (chat) => seen.set(chat.conversation, Math.max(seen.get(chat.conversation) ?? 0, chat.seq));

  // Every poster posts its batch at once; the batch counts once every chat is acknowledged.
  let batchNumber = 0;
  async function postBatch(perChannel, directs) {
    const batch = ++batchNumber;
    const expected = new Map();
    await Promise.all(posters.map(async (poster, p) => {
      const chats = poster.channels.flatMap((conversation) => Array.from({ length: perChannel }, () => conversation));
      if (p === 0) chats.push(...Array.from({ length: directs }, () => direct.id));
      const acks = chats.map((conversation, i) => {
        const clientId = `b${batch}-${i}`;
        const text = `batch ${batch}, chat ${i} from poster ${p}: something everyone in this conversation should read`;
        const ack = poster.next((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId);
        poster.send({ type: 'chat', conversation, text, clientId });
        return ack.then((a) => {
          if (a.type !== 'ack') throw new Error(`rejoin: chat refused: ${a.code}`);
          expected.set(`${conversation}:${a.seq}`, { conversation, seq: a.seq, text });
        });
      });
      await Promise.all(acks);
    }));
    return expected;
  }

  // Before leaving, the member marks everything read (so the welcome's unread counts are what it
  // missed) and waits for an answer, after which the room has handled the marks.
  async function leave() {
    for (const id of mine) me.send({ type: 'read', conversation: id, seq: seen.get(id) });
    const answer = me.next((f) => f.type === 'history');
    me.send({ type: 'history', conversation: 'general', limit: 1 });
    await answer;
    me.ws.close();
    await once(me.ws, 'close');
  }

  async function comeBack(mode, expected) {
    const since = Math.max(...seen.values());
    const missing = new Map(expected);
    const got = new Set();
    let finished;
    const complete = new Promise((resolve) => { finished = resolve; });
    const problems = [];
    const started = process.hrtime.bigint();
    const member = connect(url);
    const snapshot = () => ({
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      sent: member.sent,
      received: member.received,
      types: { ...member.types },
      bytesSent: member.socket.bytesWritten,
      bytesReceived: member.socket.bytesRead,
    });
    let result;
    const take = (chat) => {
      const key = `${chat.conversation}:${chat.seq}`;
      if (chat.seq <= seen.get(chat.conversation)) return; // older ones a page may repeat
      if (got.has(key)) problems.push(`${key} twice`);
      else if (!expected.has(key)) problems.push(`${key} was not missed`);
      else if (expected.get(key).text !== chat.text) problems.push(`${key} has another text`);
      got.add(key);
      missing.delete(key);
      if (!missing.size && !result) { result = snapshot(); finished(); }
    };
    // A conversation's newest page, as many as its unread count, and older ones until that many
    // new ones came (seqs have gaps: only the count says whether something is still missing).
    const asked = new Map();
    const ask = (conversation, unread, before = 0, had = 0) => {
      asked.set(conversation, (asked.get(conversation) ?? 0) + 1);
      const answer = member.next((f) => f.type === 'history' && f.conversation === conversation);
      member.send({ type: 'history', conversation, limit: Math.min(200, Math.max(1, unread - had)), ...(before ? { before } : {}) });
      return answer.then((page) => {
        const news = page.messages.filter((m) => m.seq > seen.get(conversation)).length;
        if (page.hasOlder && news === page.messages.length && had + news < unread)
          return ask(conversation, unread, page.messages[0].seq, had + news);
        return undefined;
      });
    };
    let welcomeMs;
    member.onFrame = (frame) => {
      if (frame.type === 'welcome') welcomeMs ??= Number(process.hrtime.bigint() - started) / 1e6;
      if (frame.type === 'chat') take(frame);
      else if (frame.type === 'history') for (const chat of frame.messages) take({ ...chat, conversation: chat.conversation ?? frame.conversation });
    };
    await member.opened;
    const openMs = Number(process.hrtime.bigint() - started) / 1e6;
    const welcome = member.next((f) => f.type === 'welcome');
    if (mode === 'resume') {
      member.send({ type: 'hello', name: 'Rejoiner', protocol: 2, token, since, roomId });
      await welcome;
    } else {
      member.send({ type: 'hello', name: 'Rejoiner', protocol: 2, token });
      const { conversations: listed } = await welcome;
      const behind = listed.filter((c) => seen.has(c.id) && c.lastSeq > seen.get(c.id));
      if (mode === 'pipelined') await Promise.all(behind.map((c) => ask(c.id, c.unread)));
      else for (const c of behind) await ask(c.id, c.unread);
    }
    const timeout = setTimeout(() => finished(), 30000);
    await complete;
    clearTimeout(timeout);
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything more would be a duplicate
    const { conversations: listed } = await welcome;
    // The welcome lists every conversation with what the member missed in it.
    const unread = new Map(mine.map((id) => [id, 0]));
    for (const { conversation } of expected.values()) unread.set(conversation, unread.get(conversation) + 1);
    for (const id of mine) {
      const c = listed.find((x) => x.id === id);
      if (!c || c.unread !== unread.get(id) || (c.kind === 'channel' && !c.joined))
        problems.push(`welcome: ${id} ${c ? `unread ${c.unread}, joined ${c.joined}` : 'missing'}`);
    }
    if (missing.size) problems.push(`${missing.size} missed chats never came`);
    if (problems.length) throw new Error(`rejoin (${mode}): ${problems.slice(0, 5).join('; ')}`);
    for (const chat of expected.values()) note(chat);
    me = member;
    return {
      ...result,
      openMs,
      welcomeMs,
      welcomeBytes: JSON.stringify(await welcome).length,
      chats: expected.size,
      conversations: listed.length,
      // Round trips the client waits for in turn: the hello's, then each request's it had to await.
      waits: mode === 'resume' ? 1 : mode === 'pipelined' ? 1 + Math.max(...asked.values()) : 1 + [...asked.values()].reduce((a, b) => a + b, 0),
    };
  }

  // A first batch the member reads live, so it comes back as someone who had read up to a seq.
  me.onFrame = (frame) => { if (frame.type === 'chat') note(frame); };
  const first = await postBatch(1, 1);
  const before = Date.now();
  while ([...first.values()].some((chat) => seen.get(chat.conversation) < chat.seq)) {
    if (Date.now() - before > 30000) throw new Error('rejoin: the member did not get the first batch');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const runs = Object.fromEntries(rejoinModes.map((m) => [m.key, []]));
  for (let r = 0; r < rounds; ++r) {
    const order = r % 2 ? [...rejoinModes].reverse() : rejoinModes;
    for (const mode of order) {
      log(`conversations, rejoin round ${r + 1}/${rounds}: ${mode.key}…`);
      await leave();
      const expected = await postBatch(rejoin.perChannel, rejoin.direct);
      runs[mode.key].push(await comeBack(mode.key, expected));
    }
  }
  for (const m of [me, ...posters]) m.ws.terminate();
  return runs;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fixed = (x, digits = 2) => (x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));

export function renderConversations(runs, rounds) {
  const m = (key, field) => median(runs[key].map((r) => r[field]));
  const spread = (key, field) => {
    const values = runs[key].map((r) => r[field]);
    return values.length ? `${fixed(Math.min(...values))}–${fixed(Math.max(...values))}` : '–';
  };
  // Paired per round: the channel's cost over the room's, made side by side.
  const ratios = runs.channel.map((r, i) => r.serverCpuUsPerDelivery / runs.room[i]?.serverCpuUsPerDelivery)
    .filter((x) => Number.isFinite(x));
  const rows = scenarios.map((s) => `| ${s.label} | ${fixed(m(s.key, 'serverCpuUsPerDelivery'))} µs (${spread(s.key, 'serverCpuUsPerDelivery')}) | ${fixed(m(s.key, 'p50Ms'))} / ${fixed(m(s.key, 'p99Ms'))} ms | ${fixed(m(s.key, 'deliveriesPerSecond'), 0)} | ${fixed(m(s.key, 'lost'), 0)} |`);
  return `<!-- conversations: written by bench/conversations.mjs -->
## Conversations

| 10 senders × 10 chats/s (${rounds} rounds, servers alternated; medians, range in brackets) | server CPU per delivery | latency p50 / p99 | deliveries/s | lost |
|---|---|---|---|---|
${rows.join('\n')}

- One busy channel costs **${fixed(median(ratios))}×** the one room per delivery (median of the per-round ratios, ${ratios.map((x) => fixed(x)).join(', ')}); the target is within 10 %.
- 200 channels with 1,000 members: p99 ${fixed(m('many', 'p99Ms'))} ms against the one room's ${fixed(m('room', 'p99Ms'))} ms at the same message rate (each chat reaches its channel's 50 members, not 500).

How: \`bench/run --only conversations\` (or the full \`bench/run\`) starts \`parleyd\` on CPU 0 and
\`parley_load\` on CPU 1, as for the peers: the one room with protocol-1 clients, then the same load
from protocol-2 clients who all joined one channel (\`--channel c0\`), then 1,000 protocol-2 clients
each in 10 of 200 channels (\`--channel c0 … c199\`; client i is in c(i), c(i+20), …), every sender
posting in its first. Joining costs each of them one welcome (all 200 channels with their counts)
and one answer per channel joined; a member who comes back resumes all its conversations with one
\`since\` (docs/PROTOCOL.md).
${runs.rejoin ? renderRejoin(runs.rejoin) : ''}<!-- /conversations -->`;
}

function renderRejoin(runs) {
  const all = (key, field) => runs[key].map((r) => r[field]);
  const m = (key, field) => median(all(key, field));
  const range = (key, field, digits) => `${fixed(Math.min(...all(key, field)), digits)}–${fixed(Math.max(...all(key, field)), digits)}`;
  const kB = (x) => fixed(x / 1000, 1);
  // What came, by type (medians over the rounds): presence and the count come 50 ms after a join.
  const frames = (key) => {
    const types = [...new Set(runs[key].flatMap((r) => Object.keys(r.types)))];
    const counts = types.map((t) => [t, median(runs[key].map((r) => r.types[t] ?? 0))]).filter(([, n]) => n > 0);
    return `${fixed(m(key, 'received'), 0)} (${counts.map(([t, n]) => (n > 1 ? `${n} ${t}` : t)).join(', ')})`;
  };
  const ratios = (key) => runs[key].map((r, i) => r.ms / runs.resume[i]?.ms).filter((x) => Number.isFinite(x));
  const [first] = runs.resume;
  const rounds = runs.resume.length;
  const rows = rejoinModes.map((mode) => `| ${mode.label} | ${fixed(m(mode.key, 'sent'), 0)} | ${frames(mode.key)} | ${fixed(m(mode.key, 'waits'), 0)} | ${kB(m(mode.key, 'bytesSent'))} / ${kB(m(mode.key, 'bytesReceived'))} kB | ${fixed(m(mode.key, 'ms'), 1)} ms (${range(mode.key, 'ms', 1)}) |`);
  return `
| coming back to ${first.conversations} conversations after missing ${first.chats} chats (${rounds} rounds, modes alternated; medians, range in brackets) | frames sent | frames received | round trips waited for | bytes sent / received | socket opened → every missed chat |
|---|---|---|---|---|---|
${rows.join('\n')}

- Joining with 200 conversations costs one welcome and one resume: **${fixed(m('resume', 'sent'), 0)} frame sent, ${fixed(m('resume', 'waits'), 0)} round trip**. The welcome (${kB(m('resume', 'welcomeBytes'))} kB; ${fixed(m('resume', 'welcomeMs'), 1)} ms after opening, in one write with the first page; ${fixed(m('pipelined', 'welcomeMs'), 1)} ms without \`since\`) lists all ${first.conversations} conversations with their unread counts (${rejoin.perChannel} in each channel, ${rejoin.direct} in the direct one), and its pages hold every missed chat; in every round and mode the member got each missed chat exactly once, and the welcome's counts were checked. A client asking each conversation's \`history\` instead sends ${fixed(m('pipelined', 'sent') - 1, 0)} requests and takes **${fixed(median(ratios('pipelined')))}×** the time with all of them sent at once, **${fixed(median(ratios('oneByOne')))}×** one after the other (medians of the per-round ratios).

How: \`runRejoin\` in \`bench/conversations.mjs\`, in the same run: \`parleyd\` on CPU 0 with
\`--channel c0 … c199\`, the members (node, \`ws\`) on CPU 1. One member joins all 200 channels
and ${rejoin.posters} others post in them (one of them also writes to it directly). Each time the member has read
everything up to the last seq, marks it read and leaves; the others post ${rejoin.perChannel} chats in each channel
and ${rejoin.direct} direct ones (all acknowledged), and it comes back with its token. Time runs from opening the
socket to the last missed chat; bytes are its socket's, the WebSocket handshake included. The
client without the resume asks each conversation whose \`lastSeq\` in the welcome is past its
own for as many as the welcome's unread count, the least it can ask for. Frames received are
counted until the last missed chat: presence and the user count, 50 ms after a join, only in the
slower modes.
`;
}

/** Puts the section into docs/BENCHMARKS.md, in place of the one there (or at the end). */
export const spliceConversations = (path, section) => spliceSection(path, 'conversations', section);
