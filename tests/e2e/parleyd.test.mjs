// The real parleyd process driven by the npm `ws` client: counts, broadcast to others, acks,
// errors that keep the connection open, signals and command-line errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { once } from 'node:events';
import net from 'node:net';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Client, runParleyd, startParleyd } from './support.mjs';

describe('parleyd with three ws clients', () => {
  let server;
  let alice;
  let bob;
  let carol;

  before(async () => {
    server = await startParleyd(['--name', 'E2E Room']);
    alice = await Client.join(server.url, 'Alice');
    bob = await Client.join(server.url, 'Bob');
    carol = await Client.join(server.url, 'Carol');
  });

  after(async () => {
    server.child.kill('SIGKILL');
  });

  test('welcome names the room and the joiner', () => {
    assert.equal(carol.welcome.room, 'E2E Room');
    assert.equal(carol.welcome.protocol, 1);
    assert.equal(carol.welcome.you.name, 'Carol');
    assert.deepEqual(carol.welcome.members.map((m) => m.name).sort(), ['Alice', 'Bob', 'Carol']);
  });

  test('every client, the joiner too, reaches the count of 3', async () => {
    await Promise.all([alice.count(3), bob.count(3), carol.count(3)]);
  });

  test('a chat reaches the others with server-assigned fields, the sender gets an ack', async () => {
    alice.send({ type: 'chat', text: 'hello from node', clientId: 'n-1', from: { id: 'x', name: 'Mallory' } });
    const ack = await alice.next((f) => f.type === 'ack' && f.clientId === 'n-1');
    for (const other of [bob, carol]) {
      const chat = await other.next((f) => f.type === 'chat' && f.text === 'hello from node');
      assert.equal(chat.seq, ack.seq);
      assert.equal(chat.ts, ack.ts);
      assert.deepEqual(chat.from, { id: alice.welcome.you.id, name: 'Alice' });
    }
    // Bob's later chat reaches Alice after any echo of hers would have: there is none.
    bob.send({ type: 'chat', text: 'after', clientId: 'b-1' });
    await alice.next((f) => f.type === 'chat' && f.text === 'after');
    // Bob's ack travels on his own connection: it may land after Alice's copy.
    await bob.next((f) => f.type === 'ack' && f.clientId === 'b-1');
    assert.equal(alice.of('chat').filter((c) => c.text === 'hello from node').length, 0);
    assert.equal(bob.of('ack').length, 1);
    assert.equal(carol.of('ack').length, 0);
  });

  test('bad frames get an error, the connection stays open, nobody else hears it', async () => {
    const cases = [
      ['{oops', 'bad_json'],
      ['[]', 'bad_json'],
      [JSON.stringify({ type: 'dance' }), 'unknown_type'],
      [JSON.stringify({ type: 'chat', text: 7 }), 'bad_field'],
      [JSON.stringify({ type: 'chat', text: '' }), 'empty_text'],
      [JSON.stringify({ type: 'chat', text: 'x'.repeat(4001), clientId: 'long' }), 'too_long'],
    ];
    for (const [frame, code] of cases) {
      const before = carol.of('error').length;
      carol.sendRaw(frame);
      await carol.next(() => carol.of('error').length > before);
      assert.equal(carol.of('error').at(-1).code, code, frame.slice(0, 40));
    }
    carol.sendRaw(Buffer.from([0xde, 0xad]), { binary: true });
    await carol.next((f) => f.type === 'error' && f.code === 'binary_frame');

    carol.send({ type: 'chat', text: 'still here', clientId: 'c-ok' });
    await carol.next((f) => f.type === 'ack' && f.clientId === 'c-ok');
    await alice.next((f) => f.type === 'chat' && f.text === 'still here');
    assert.equal(alice.of('error').length, 0);
    assert.equal(bob.of('error').length, 0);
  });

  test('text that is not UTF-8 closes only that connection, with 1007', async () => {
    const dave = await Client.join(server.url, 'Dave');
    await alice.count(4);
    dave.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal(await dave.closed, 1007);
    await Promise.all([alice.count(3), bob.count(3), carol.count(3)]);
  });

  test('a client leaving brings everyone else to 2', async () => {
    await carol.close();
    await Promise.all([alice.count(2), bob.count(2)]);
  });

  test('SIGTERM closes every client with 1001 and exits 0', async () => {
    server.child.kill('SIGTERM');
    const [codeA, codeB] = await Promise.all([alice.closed, bob.closed]);
    assert.equal(codeA, 1001);
    assert.equal(codeB, 1001);
    const [exitCode] = await server.exited;
    assert.equal(exitCode, 0);
  });
});

describe('parleyd command line', () => {
  test('--version prints the version', async () => {
    const { code, stdout } = await runParleyd(['--version']);
    assert.equal(code, 0);
    assert.match(stdout, /^parleyd \d+\.\d+\.\d+/);
  });

  test('a bad option is a clear error with a non-zero exit', async () => {
    const { code, stderr } = await runParleyd(['--port', 'lots']);
    assert.notEqual(code, 0);
    assert.match(stderr, /--port must be a number/);
  });

  test('a busy port is a clear error with a non-zero exit', async () => {
    const blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address();
    const { code, stderr } = await runParleyd(['--bind', '127.0.0.1', '--port', String(port), '--db', ':memory:']);
    blocker.close();
    assert.notEqual(code, 0);
    assert.match(stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
  });

  test('SIGINT with nobody connected exits 0', async () => {
    const server = await startParleyd();
    server.child.kill('SIGINT');
    const [exitCode] = await server.exited;
    assert.equal(exitCode, 0);
  });
});

describe('parleyd with TLS and a password', () => {
  test('--tls-cert and --tls-key serve wss://; --password-file admits only the right password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-tls-'));
    const [cert, key, password] = ['cert.pem', 'key.pem', 'password'].map((f) => join(dir, f));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' });
    writeFileSync(password, 'hunter2 but longer\n');
    const server = await startParleyd(['--tls-cert', cert, '--tls-key', key, '--password-file', password]);
    try {
      assert.match(server.url, /^wss:\/\/127\.0\.0\.1:\d+\/$/);
      const tls = { ca: [execFileSync('cat', [cert])] }; // this test trusts exactly that certificate
      const wrong = new Client(server.url, tls);
      await once(wrong.ws, 'open');
      wrong.send({ type: 'hello', name: 'Mallory', password: 'hunter2' });
      assert.equal(await wrong.closed, 4001);
      assert.equal(wrong.of('error')[0].code, 'bad_password');

      // Right after a wrong guess this address must wait (250 ms); a person simply tries again.
      let welcome = null;
      for (let attempt = 0; attempt < 40 && !welcome; ++attempt) {
        const right = new Client(server.url, tls);
        await once(right.ws, 'open');
        right.send({ type: 'hello', name: 'Alice', password: 'hunter2 but longer' });
        const welcomed = right.next((f) => f.type === 'welcome').catch(() => null);
        welcome = await Promise.race([welcomed, right.closed.then(() => null)]);
      }
      assert.equal(welcome?.you.name, 'Alice');
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});

// A peer that is still sending when parleyd closes it must still get the close frame. Closing a
// socket with unread bytes makes the kernel reset the connection, and the peer then loses the
// frame (it saw 1006): this needs separate processes, as a real peer is.
describe('close codes reach a peer that is still sending', () => {
  let server;
  before(async () => {
    server = await startParleyd(['--max-message-kib', '64', '--rate', '5', '--burst', '10']);
  });
  after(() => server.child.kill('SIGKILL'));

  async function closeOf(ws) {
    ws.on('error', () => {}); // an ECONNRESET would show as close 1006, which the test reports
    const [code, reason] = await once(ws, 'close');
    return { code, reason: String(reason) };
  }

  test('an oversized message mid-upload gets 1009 with its reason', async () => {
    for (let i = 0; i < 3; ++i) {
      const ws = new WebSocket(server.url);
      await once(ws, 'open');
      ws.send('x'.repeat(8 * 1024 * 1024));
      assert.deepEqual(await closeOf(ws), { code: 1009, reason: 'Maximum framesize exceeded.' });
    }
  });

  test('a flooder gets 1008 with its reason', async () => {
    for (let i = 0; i < 3; ++i) {
      const ws = new WebSocket(server.url);
      await once(ws, 'open');
      ws.send(JSON.stringify({ type: 'hello', name: 'Flooder' }));
      const closed = closeOf(ws);
      const flood = setInterval(() => {
        for (let j = 0; j < 200 && ws.readyState === WebSocket.OPEN; ++j)
          ws.send(JSON.stringify({ type: 'chat', text: 'spam', clientId: 's' }));
      }, 1);
      const result = await closed;
      clearInterval(flood);
      assert.deepEqual(result, { code: 1008, reason: 'too many messages' });
    }
  });

  test('a full room answers 1013 with its reason', async () => {
    const full = await startParleyd(['--max-clients', '1']);
    try {
      await Client.join(full.url, 'Inside');
      const ws = new WebSocket(full.url);
      assert.deepEqual(await closeOf(ws), { code: 1013, reason: 'the room is full (1 people)' });
    } finally {
      full.child.kill('SIGKILL');
    }
  });
});

describe('parleyd under systemd', () => {
  test('says READY when it listens, pings the watchdog, and says STOPPING on SIGTERM (sd_notify)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-notify-'));
    const socketPath = join(dir, 'notify.sock');
    // systemd's side: a datagram socket that prints what it is told.
    const systemd = spawn('socat', ['-u', `UNIX-RECV:${socketPath}`, 'STDOUT']);
    let told = '';
    systemd.stdout.on('data', (d) => { told += d; });
    const heard = async (text) => {
      for (let i = 0; i < 100 && !told.includes(text); ++i) await new Promise((r) => setTimeout(r, 50));
      assert.ok(told.includes(text), `systemd was told ${JSON.stringify(told)}`);
    };
    for (let i = 0; i < 100 && !existsSync(socketPath); ++i) await new Promise((r) => setTimeout(r, 20));
    try {
      const server = await startParleyd([], { env: { NOTIFY_SOCKET: socketPath, WATCHDOG_USEC: '200000' } });
      await heard('READY=1');
      assert.match(told, /STATUS=listening on ws:\/\//);
      await heard('WATCHDOG=1');
      server.child.kill('SIGTERM');
      await server.exited;
      await heard('STOPPING=1');
    } finally {
      systemd.kill();
    }
  });
});

describe('parleyd --backup', () => {
  test('copies a running room under load with every acked message, and the copy serves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-backup-'));
    const db = join(dir, 'room.sqlite');
    const server = await startParleyd(['--db', db, '--rate', '10000', '--burst', '10000']);
    const alice = await Client.join(server.url, 'Alice');
    for (let i = 0; i < 300; ++i) alice.send({ type: 'chat', text: `before ${i}`, clientId: `b-${i}` });
    await alice.next((f) => f.type === 'ack' && f.clientId === 'b-299', 15000);
    // The room keeps taking chats while the copy is made.
    let sending = true;
    let during = 0;
    const load = (async () => {
      while (sending && during < 20000) {
        alice.send({ type: 'chat', text: `during ${during}`, clientId: `d-${during++}` });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backup = join(dir, 'backup.sqlite');
    const result = await runParleyd(['--db', db, '--backup', backup]);
    sending = false;
    await load;
    assert.equal(result.code, 0, result.stderr);
    const copied = Number(result.stdout.match(/^backed up (\d+) messages to /)?.[1]);
    assert.ok(copied >= 300, result.stdout);
    // A backup is never written over.
    const again = await runParleyd(['--db', db, '--backup', backup]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists already/);
    server.child.kill('SIGKILL');

    // Restored: a room on the copy has every message acknowledged before the backup.
    const restored = await startParleyd(['--db', backup]);
    try {
      const bob = new Client(restored.url);
      await once(bob.ws, 'open');
      bob.send({ type: 'hello', name: 'Bob', since: 0 });
      const texts = new Set();
      await bob.next(() => {
        for (const page of bob.of('history')) for (const m of page.messages) texts.add(m.text);
        return texts.size >= copied;
      }, 15000);
      for (let i = 0; i < 300; ++i) assert.ok(texts.has(`before ${i}`), `before ${i}`);
    } finally {
      restored.child.kill('SIGKILL');
    }
  });
});

describe('parleyd --export', () => {
  test('writes every conversation of a running room as JSON Lines, and never over anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
    const db = join(dir, 'room.sqlite');
    const server = await startParleyd(['--db', db, '--channel', 'homework']);
    try {
      const ann = await Client.joinWith(server.url, { name: 'Ann', protocol: 2 });
      const bob = await Client.joinWith(server.url, { name: 'Bob', protocol: 2 });
      ann.send({ type: 'open_direct', member: bob.welcome.you.id });
      const direct = (await ann.next((f) => f.type === 'conversation' && f.conversation.kind === 'direct')).conversation.id;
      const homework = ann.welcome.conversations.find((c) => c.name === 'homework').id;
      ann.send({ type: 'join_channel', conversation: homework });
      await ann.next((f) => f.type === 'conversation' && f.conversation.id === homework);
      const posts = [['general', 'hello "all"\nsecond line'], [homework, 'due Friday'], [direct, 'just us'], ['general', 'tiếng Việt']];
      for (const [conversation, text] of posts) {
        ann.send({ type: 'chat', conversation, text, clientId: text });
        await ann.next((f) => f.type === 'ack' && f.clientId === text);
      }

      const out = join(dir, 'export');
      const result = await runParleyd(['--db', db, '--export', out]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^exported 4 messages in 3 conversations to /);
      const lines = (file) => readFileSync(join(out, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const index = lines('conversations.jsonl');
      assert.deepEqual(index.map((c) => [c.id, c.kind, c.messages]), [['general', 'channel', 2], [homework, 'channel', 1], [direct, 'direct', 1]]);
      assert.deepEqual(lines(index[0].file).map((m) => m.text), ['hello "all"\nsecond line', 'tiếng Việt']);
      assert.equal(lines(index[2].file)[0].from.name, 'Ann');
      assert.equal(index[2].file, direct.replaceAll(':', '_') + '.jsonl');
      assert.deepEqual(index[2].members.map((m) => m.name).sort(), ['Ann', 'Bob']);

      const again = await runParleyd(['--db', db, '--export', out]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not empty/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
