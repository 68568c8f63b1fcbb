// The lean peer: the tutorial gateway's semantics on the node `ws` package, speaking Parley's
// v1 JSON shapes so the same load generator drives it. On connect and disconnect everyone gets
// the user count; a chat goes to every *other* client. hello is answered with a welcome so
// clients know they are in (Parley does the same), nothing else.
//   node server.mjs PORT      prints "listening on ws://127.0.0.1:PORT/"
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] ?? 0);
const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 64 * 1024 });
let users = 0;
let seq = 0;

function broadcast(data, except) {
  for (const client of server.clients)
    if (client !== except && client.readyState === WebSocket.OPEN) client.send(data);
}

server.on('connection', (socket) => {
  users += 1;
  broadcast(JSON.stringify({ type: 'users', count: users }));
  socket.on('message', (data) => {
    let message;
    try { message = JSON.parse(data.toString()); } catch { return; }
    if (message.type === 'hello') {
      socket.name = String(message.name ?? 'guest');
      socket.send(JSON.stringify({ type: 'welcome', protocol: 1, room: 'ws gateway', you: { id: socket.name, name: socket.name } }));
    } else if (message.type === 'chat') {
      seq += 1;
      broadcast(JSON.stringify({ type: 'chat', seq, ts: Date.now(), from: socket.name, name: socket.name, text: message.text }), socket);
    }
  });
  socket.on('close', () => {
    users -= 1;
    broadcast(JSON.stringify({ type: 'users', count: users }));
  });
});
server.on('listening', () => console.log(`listening on ws://127.0.0.1:${server.address().port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
