// The lean peer: the tutorial gateway's semantics on the node `ws` package, written the fastest
// way ws's own documentation shows: each broadcast encoded once, one Buffer sent to every
// recipient as text (the README's "Server broadcast"), and `bufferutil` installed (its "Opt-in
// for performance"). It speaks Parley's v1 JSON shapes so the same load generator drives it. On
// connect and disconnect everyone gets the user count; a chat goes to every *other* client.
// hello is answered with a welcome so clients know they are in (Parley does the same).
//   node --expose-gc server.mjs PORT [--strings]   prints "listening on ws://127.0.0.1:PORT/"
// --strings sends each broadcast as a string instead, which ws encodes again for every
// recipient (how the tutorial gateway reads when written naively): an extra row of the table.
// SIGUSR2 collects garbage (with --expose-gc), so that a memory reading is not the collector's
// leftovers.
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] ?? 0);
const perRecipient = process.argv.includes('--strings');
const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 64 * 1024 });
let users = 0;
let seq = 0;

function broadcast(object, except) {
  const json = JSON.stringify(object);
  const data = perRecipient ? json : Buffer.from(json);
  for (const client of server.clients)
    if (client !== except && client.readyState === WebSocket.OPEN) client.send(data, { binary: false });
}

server.on('connection', (socket) => {
  users += 1;
  broadcast({ type: 'users', count: users });
  socket.on('message', (data) => {
    let message;
    try { message = JSON.parse(data.toString()); } catch { return; }
    if (message.type === 'hello') {
      socket.name = String(message.name ?? 'guest');
      socket.send(JSON.stringify({ type: 'welcome', protocol: 1, room: 'ws gateway', you: { id: socket.name, name: socket.name } }));
    } else if (message.type === 'chat') {
      seq += 1;
      broadcast({ type: 'chat', seq, ts: Date.now(), from: socket.name, name: socket.name, text: message.text }, socket);
    }
  });
  socket.on('close', () => {
    users -= 1;
    broadcast({ type: 'users', count: users });
  });
});
server.on('listening', () => console.log(`listening on ws://127.0.0.1:${server.address().port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
process.on('SIGUSR2', () => globalThis.gc?.());
