// node chat-check.mjs URL ROOM-NAME
// Used by scripts/install-test against an installed parleyd or parley: waits for the room at
// URL (up to 30 s), joins it twice, and checks that the room has the expected name and that a
// chat from one member reaches the other. Exit code 0 on success.
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from './support.mjs';

const [url, roomName] = process.argv.slice(2);

async function joinWhenUp(name) {
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      return await Client.join(url, name);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no room at ${url}: ${error.message}`);
      await sleep(200); // the server is still starting; nothing to wait on but a retry
    }
  }
}

const alice = await joinWhenUp('Alice');
if (alice.welcome.room !== roomName) throw new Error(`room is "${alice.welcome.room}", expected "${roomName}"`);
const bob = await Client.join(url, 'Bob');
alice.send({ type: 'chat', text: 'hello from the installed package', clientId: 'install-1' });
const chat = await bob.next((f) => f.type === 'chat' && f.text === 'hello from the installed package');
await alice.next((f) => f.type === 'ack' && f.clientId === 'install-1');
console.log(`chat-check: "${roomName}" at ${url}: chat seq ${chat.seq} delivered`);
await Promise.all([alice.close(), bob.close()]);
