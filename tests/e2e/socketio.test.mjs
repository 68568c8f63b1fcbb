// Apps written for the seed's NestJS + Socket.IO gateway join a Parley room unchanged: unmodified
// socket.io-client 4.x against the real parleyd, with its default transports (long-polling,
// then the upgrade to WebSocket) and with WebSocket alone, beside a native member (`ws`).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { Client, startParleyd } from './support.mjs';

const opened = []; // closed after each test, whatever happened in it

/** A socket.io-client socket that records every chat and users event. */
function app(url, options = {}) {
  const socket = io(url, { reconnectionDelay: 100, reconnectionDelayMax: 500, ...options });
  opened.push(socket);
  socket.chats = [];
  socket.counts = [];
  socket.on('chat', (text) => socket.chats.push(text));
  socket.on('users', (count) => socket.counts.push(count));
  return socket;
}

/**
 * Resolves once condition() holds, checking whenever the socket hears something and every 20 ms
 * besides: some conditions change without an event on the socket (the engine's upgrade to
 * WebSocket may finish after the last event the app hears).
 */
function until(socket, condition, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const test = () => {
      if (!condition()) return;
      clearTimeout(timer);
      clearInterval(poll);
      socket.offAny(check);
      socket.off('connect', check);
      socket.off('disconnect', check);
      resolve();
    };
    const check = () => setImmediate(test); // after the socket's own listeners (onAny's run first)
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`timed out; chats ${JSON.stringify(socket.chats)}, counts ${socket.counts}, `
        + `transport ${socket.io.engine?.transport?.name}`));
    }, timeoutMs);
    const poll = setInterval(test, 20);
    socket.onAny(check);
    socket.on('connect', check);
    socket.on('disconnect', check);
    check();
  });
}

describe('socket.io-client apps in a Parley room', () => {
  let server;
  let dir;
  let httpUrl;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-socketio-'));
    server = await startParleyd(['--db', join(dir, 'room.sqlite')]);
    httpUrl = server.url.replace(/^ws:/, 'http:').replace(/\/$/, '');
  });

  after(() => server?.child.kill('SIGKILL'));
  afterEach(() => { for (const socket of opened.splice(0)) socket.close(); });

  for (const [label, options, transport] of [
    ['with the default transports (polling, then the upgrade)', {}, 'websocket'],
    ['with transports: [\'websocket\']', { transports: ['websocket'] }, 'websocket'],
    ['with polling alone', { transports: ['polling'] }, 'polling'],
  ]) {
    test(`chat and users ${label}`, async () => {
      const native = await Client.join(server.url, 'Native');
      const socket = app(httpUrl, options);
      await until(socket, () => socket.connected && socket.counts.at(-1) === 2);
      await native.count(2);
      const guest = native.of('presence').flatMap((p) => p.joined ?? []).find((m) => m.name.startsWith('Guest'));
      assert.ok(guest, 'the app is in the member list, as a guest');

      // The app's chat reaches the native member; the native member's reaches the app.
      socket.emit('chat', `hello from ${label}`);
      const chat = await native.next((f) => f.type === 'chat' && f.text === `hello from ${label}`);
      assert.equal(chat.from.id, guest.id);
      native.send({ type: 'chat', text: 'hello, app' });
      await until(socket, () => socket.chats.includes('hello, app'));
      assert.ok(!socket.chats.includes(`hello from ${label}`), 'nobody gets their own chat back');
      if (transport === 'websocket') await until(socket, () => socket.io.engine.transport.name === 'websocket');
      assert.equal(socket.io.engine.transport.name, transport);

      // An ack, if the app asks for one; a refusal says why.
      assert.equal(await socket.timeout(5000).emitWithAck('chat', 'with an ack'), undefined); // acked, no error
      const refused = await socket.timeout(5000).emitWithAck('chat', 'x'.repeat(5000));
      assert.equal(refused.error.code, 'too_long');

      // Leaving: everyone's count goes back.
      socket.close();
      await native.count(1);
      native.ws.close();
    });
  }

  test('an app named in its auth keeps the name; a native member and two apps see each other', async () => {
    const native = await Client.join(server.url, 'Native');
    const ana = app(httpUrl, { auth: { name: 'Ana' } });
    const ben = app(httpUrl, { transports: ['websocket'], auth: { name: 'Ben' } });
    await until(ana, () => ana.counts.at(-1) === 3);
    await until(ben, () => ben.counts.at(-1) === 3);
    await native.next((f) => f.type === 'presence' && (f.joined ?? []).some((m) => m.name === 'Ana'));
    ana.emit('chat', 'from Ana');
    await until(ben, () => ben.chats.includes('from Ana'));
    await native.next((f) => f.type === 'chat' && f.text === 'from Ana' && f.from.name === 'Ana');
    ana.close();
    ben.close();
    native.ws.close();
  });

  test('an app reconnects by itself after parleyd restarts, and chats again', async () => {
    const socket = app(httpUrl);
    await until(socket, () => socket.connected && socket.io.engine.transport.name === 'websocket');
    const port = new URL(server.url).port;
    server.child.kill('SIGTERM');
    await server.exited;
    await until(socket, () => !socket.connected);
    server = await startParleyd(['--db', join(dir, 'room.sqlite'), '--port', port]);
    await until(socket, () => socket.connected, 15000);
    const native = await Client.join(server.url, 'Native');
    socket.emit('chat', 'back again');
    await native.next((f) => f.type === 'chat' && f.text === 'back again');
    socket.close();
    native.ws.close();
  });

  test('limits hold for apps as for native members: a flood is refused, then closed', async () => {
    const native = await Client.join(server.url, 'Native');
    const socket = app(httpUrl, { transports: ['websocket'], reconnection: false });
    const errors = [];
    socket.on('error', (error) => errors.push(error));
    await until(socket, () => socket.connected);
    for (let i = 0; i < 400 && socket.connected; ++i) socket.emit('chat', `flood ${i}`);
    await until(socket, () => errors.some((e) => e.code === 'rate_limited'));
    await until(socket, () => !socket.connected);
    assert.ok(native.of('chat').length < 100, 'most of the flood was dropped');
    native.ws.close();
  });
});

describe('socket.io-client in a password room', () => {
  test('a wrong password is a connect_error that says so; the right one connects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-socketio-password-'));
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, 'open sesame\n');
    const server = await startParleyd(['--password-file', passwordFile]);
    const url = server.url.replace(/^ws:/, 'http:');
    try {
      const wrong = io(url, { auth: { password: 'guess' }, reconnection: false });
      const [error] = await once(wrong, 'connect_error');
      assert.match(error.message, /password/);
      wrong.close();
      const right = io(url, { auth: { password: 'open sesame', name: 'Ana' }, reconnection: false });
      await once(right, 'connect');
      right.close();
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
