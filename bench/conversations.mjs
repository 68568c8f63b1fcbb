// Conversations (protocol 2) beside the one room, side by side in one run: the fixed load in
// #general as a v1 room, in one busy channel of v2 members, and spread over 200 channels with
// 1,000 members each in 10. Servers alternate; medians over rounds, with their spread.
import { measure } from './peers.mjs';
import { spliceSection } from './sections.mjs';

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
<!-- /conversations -->`;
}

/** Puts the section into docs/BENCHMARKS.md, in place of the one there (or at the end). */
export const spliceConversations = (path, section) => spliceSection(path, 'conversations', section);
