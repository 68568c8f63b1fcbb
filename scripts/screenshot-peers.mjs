// Two scripted people (npm `ws`) for scripts/screenshots: they join the room, chat, and one of
// them is typing when the picture is taken. Usage: node screenshot-peers.mjs URL en|vi [WAIT]
// They wait for the host, Alice, to be in the room first (or for nobody, with WAIT "-": then
// whoever joins later finds the conversation in the room's history).
import { createRequire } from 'node:module';
import { once } from 'node:events';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const WebSocket = require('ws');
const [url, lang = 'en', waitFor = 'Alice'] = process.argv.slice(2);

const script = {
  en: [
    ['Bob', 'Morning! Is the review still at 10?'],
    ['Carol', 'Yes — same room as last week.\nI booked it until 11.'],
    ['Bob', 'Great. Slides are here: https://example.com/q3-review'],
  ],
  vi: [
    ['Bob', 'Chào buổi sáng! Cuộc họp vẫn lúc 10 giờ chứ?'],
    ['Carol', 'Đúng rồi — cùng phòng như tuần trước.\nMình đã đặt đến 11 giờ.'],
    ['Bob', 'Tuyệt. Slide ở đây: https://example.com/q3-review'],
  ],
}[lang];

async function join(name) {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  ws.send(JSON.stringify({ type: 'hello', name }));
  return ws;
}

// Join once the host (Alice) is in, so her screen shows the whole conversation.
const people = { Bob: await join('Bob') };
await new Promise((resolve) => people.Bob.on('message', (data) => {
  const frame = JSON.parse(data);
  const names = [...(frame.members ?? []), ...(frame.joined ?? []), ...(frame.renamed ?? [])].map((m) => m.name);
  if (waitFor === '-' || names.includes(waitFor)) resolve();
}));
people.Carol = await join('Carol');
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let n = 0;
for (const [name, text] of script) {
  await pause(400);
  people[name].send(JSON.stringify({ type: 'chat', text, clientId: `shot-${++n}` }));
}
console.log('ready');
// Keep "Carol is typing…" showing and stay in the room until the picture is taken.
const typing = setInterval(() => people.Carol.send(JSON.stringify({ type: 'typing' })), 1000);
people.Carol.send(JSON.stringify({ type: 'typing' }));
process.stdin.resume();
process.stdin.on('end', () => { clearInterval(typing); process.exit(0); });
setTimeout(() => process.exit(0), 60000);
