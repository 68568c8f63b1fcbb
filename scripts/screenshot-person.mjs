// For the screenshot scripts: a scripted person in a room, speaking protocol 2 with npm `ws`.
import { once } from 'node:events';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const WebSocket = require('ws');
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Joins url as name; resolves once welcomed with { ws, frames, next(predicate), welcome, send }. */
export async function person(url, name) {
  const ws = new WebSocket(url);
  const frames = [];
  ws.on('message', (data) => frames.push(JSON.parse(data)));
  await once(ws, 'open');
  ws.send(JSON.stringify({ type: 'hello', name, protocol: 2 }));
  const next = async (predicate) => {
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      await pause(50);
    }
  };
  const welcome = await next((f) => f.type === 'welcome');
  return { ws, frames, next, welcome, send: (o) => ws.send(JSON.stringify(o)) };
}
