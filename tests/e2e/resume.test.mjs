// Lossless resume across a restart of the real parleyd (killed with SIGKILL), driven by npm `ws`
// clients: the same token is the same member, and `since` brings every missed message once; an
// upload goes on from what reached the disk.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';
import { Client, runParleyd, startParleyd } from './support.mjs';

const joinWith = (url, hello) => Client.joinWith(url, hello);

const seqsOf = (frames) => frames.flatMap((f) => (f.type === 'history' ? f.messages : [f])).map((m) => m.seq);

test('a member who was away gets every missed message once, after parleyd was killed and restarted', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'parley-resume-')), 'room.sqlite');
  let server = await startParleyd(['--db', db]);
  const port = new URL(server.url).port;
  const token = 'alice-secret-token-0123456789';

  let alice = await joinWith(server.url, { name: 'Alice', token });
  const aliceId = alice.welcome.you.id;
  let bob = await joinWith(server.url, { name: 'Bob', token: 'bob-secret-token-0123456789' });
  for (const text of ['one', 'two']) bob.send({ type: 'chat', text, clientId: text });
  await alice.next((f) => f.type === 'chat' && f.text === 'two');
  const lastSeen = alice.of('chat').at(-1).seq;
  await alice.close(); // the lid closes

  for (const text of ['three', 'four', 'five']) bob.send({ type: 'chat', text, clientId: text });
  await bob.next(() => bob.of('ack').length === 5);

  server.child.kill('SIGKILL');
  await server.exited;
  server = await startParleyd(['--db', db, '--port', port]);
  try {
    alice = await joinWith(server.url, { name: 'Alice', token, since: lastSeen });
    assert.equal(alice.welcome.you.id, aliceId, 'the same token is the same member');
    bob = await joinWith(server.url, { name: 'Bob', token: 'bob-secret-token-0123456789' });
    bob.send({ type: 'chat', text: 'six', clientId: 'six' });
    await alice.next((f) => f.type === 'chat' && f.text === 'six');

    const received = alice.frames.filter((f) => f.type === 'history' || f.type === 'chat');
    assert.deepEqual(seqsOf(received), [lastSeen + 1, lastSeen + 2, lastSeen + 3, lastSeen + 4]);
    assert.deepEqual(received.flatMap((f) => (f.type === 'history' ? f.messages : [f])).map((m) => m.text),
      ['three', 'four', 'five', 'six']);
    // A re-send of an acked chat after the restart is recognised, not posted again.
    bob.send({ type: 'chat', text: 'five', clientId: 'five' });
    const ack = await bob.next((f) => f.type === 'ack' && f.clientId === 'five');
    assert.equal(ack.seq, lastSeen + 3);
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('edits and deletions acked before kill -9 reach a member who was away once, in one resume', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'parley-edits-')), 'room.sqlite');
  let server = await startParleyd(['--db', db]);
  const port = new URL(server.url).port;
  const alice = { name: 'Alice', protocol: 2, token: 'alice-secret-token-0123456789' };
  const bobHello = { name: 'Bob', protocol: 2, token: 'bob-secret-token-0123456789' };
  let bob = await joinWith(server.url, bobHello);
  const seqs = {};
  for (const text of ['draft', 'mistake', 'keep']) {
    bob.send({ type: 'chat', text, clientId: text });
    seqs[text] = (await bob.next((f) => f.type === 'ack' && f.clientId === text)).seq;
  }
  const lastSeen = seqs.keep; // Alice saw these, then went away

  // Bob's changes are confirmed (stored) before parleyd is killed.
  bob.send({ type: 'edit', conversation: 'general', seq: seqs.draft, text: 'final' });
  bob.send({ type: 'edit', conversation: 'general', seq: seqs.draft, text: 'final, really' });
  bob.send({ type: 'delete', conversation: 'general', seq: seqs.mistake });
  await bob.next((f) => f.type === 'changed' && f.seq === seqs.mistake);
  server.child.kill('SIGKILL');
  await server.exited;
  server = await startParleyd(['--db', db, '--port', port]);
  try {
    const back = await joinWith(server.url, { ...alice, since: lastSeen });
    bob = await joinWith(server.url, bobHello);
    bob.send({ type: 'chat', text: 'after', clientId: 'after' });
    await back.next((f) => f.type === 'chat' && f.text === 'after');
    const got = back.frames.flatMap((f) => (f.type === 'history' ? f.messages : f.type === 'changed' ? [f] : []));
    assert.deepEqual(got.map((m) => [m.seq, m.text, m.deleted ?? null]),
      [[seqs.draft, 'final, really', null], [seqs.mistake, '', 'author']]);
    assert.ok(got[0].edited > 0 && got[0].revision < got[1].revision);
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('parleyd refuses a history file it cannot use, and leaves it alone', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'parley-corrupt-')), 'room.sqlite');
  writeFileSync(db, 'not a database '.repeat(500));
  const { code, stderr } = await runParleyd(['--port', '0', '--db', db]);
  assert.equal(code, 1);
  assert.match(stderr, /history database .*room\.sqlite/);
});

test('protocol 2: one resume brings every conversation after kill -9, and nobody else\'s', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'parley-resume2-')), 'server.sqlite');
  let server = await startParleyd(['--db', db, '--channel', 'homework']);
  const port = new URL(server.url).port;
  const hello = (name) => ({ name, token: `${name}-secret-token-0123456789`, protocol: 2 });
  const messagesOf = (client) => client.frames.flatMap((f) => (f.type === 'history' ? f.messages : [f]))
    .filter((m) => m.type === 'chat');

  let ann = await joinWith(server.url, hello('Ann'));
  let bob = await joinWith(server.url, hello('Bob'));
  const cy = await joinWith(server.url, hello('Cy'));
  const homework = ann.welcome.conversations.find((c) => c.name === 'homework').id;
  for (const client of [ann, bob]) {
    client.send({ type: 'join_channel', conversation: homework });
    await client.next((f) => f.type === 'conversation' && f.conversation.id === homework);
  }
  ann.send({ type: 'open_direct', member: bob.welcome.you.id });
  const direct = (await ann.next((f) => f.type === 'conversation' && f.conversation.kind === 'direct')).conversation.id;
  bob.send({ type: 'chat', text: 'before', clientId: 'b0' });
  const bobSaw = (await bob.next((f) => f.type === 'ack')).seq;
  await bob.close();

  const sent = [['general', 'g1'], [direct, 'd1'], [homework, 'h1'], [direct, 'd2'], ['general', 'g2']];
  for (const [conversation, text] of sent) ann.send({ type: 'chat', conversation, text, clientId: text });
  await ann.next(() => ann.of('ack').length === sent.length);
  server.child.kill('SIGKILL');
  await server.exited;
  await cy.closed;

  server = await startParleyd(['--db', db, '--port', port, '--channel', 'homework']);
  try {
    bob = await joinWith(server.url, { ...hello('Bob'), since: bobSaw });
    const back = bob.welcome.conversations;
    assert.equal(back.find((c) => c.id === direct).unread, 2);
    assert.equal(back.find((c) => c.id === homework).unread, 1);
    ann = await joinWith(server.url, hello('Ann'));
    ann.send({ type: 'chat', conversation: direct, text: 'after', clientId: 'a9' });
    await bob.next((f) => f.type === 'chat' && f.text === 'after');
    assert.deepEqual(messagesOf(bob).map((m) => `${m.conversation}/${m.text}`),
      [...sent.map(([c, t]) => `${c}/${t}`), `${direct}/after`]);
    const seqs = messagesOf(bob).map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in order');

    // Cy, in none of those but #general, resumes from the start and sees only #general.
    const cyBack = await joinWith(server.url, { ...hello('Cy'), since: 0 });
    await cyBack.next((f) => f.type === 'history' && f.messages.some((m) => m.text === 'g2'));
    assert.deepEqual(messagesOf(cyBack).map((m) => m.text), ['before', 'g1', 'g2']);
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('an upload cut off by kill -9 of parleyd goes on from where it stopped and arrives whole', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'parley-resume-files-')), 'room.sqlite');
  let server = await startParleyd(['--db', db]);
  const port = new URL(server.url).port;
  const http = () => server.url.replace(/^ws:/, 'http:').replace(/\/$/, '');
  const hello = (name) => ({ name, token: `${name}-secret-token-0123456789`, protocol: 2 });
  let alice = await joinWith(server.url, hello('alice'));
  let bob = await joinWith(server.url, hello('bob'));
  const data = randomBytes(6 * 1024 * 1024);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const announce = async (who) => {
    who.send({ type: 'upload', conversation: 'general', name: 'cut.bin', size: data.length, sha256, clientId: 'u-1' });
    return who.next((f) => f.type === 'upload_ready' && f.clientId === 'u-1');
  };
  const put = (url, from, to) => fetch(http() + url, {
    method: 'PUT', headers: { 'Content-Range': `bytes ${from}-${to - 1}/${data.length}` }, body: data.subarray(from, to),
  });

  let ready = await announce(alice);
  assert.equal((await put(ready.url, 0, 3 << 20)).status, 204);
  // Half of the next piece is on its way when the server is killed.
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`PUT ${ready.url} HTTP/1.1\r\nHost: x\r\nContent-Length: ${1 << 20}\r\n`
    + `Content-Range: bytes ${3 << 20}-${(4 << 20) - 1}/${data.length}\r\n\r\n`);
  socket.write(data.subarray(3 << 20, (3 << 20) + (512 << 10)));
  socket.on('error', () => {});
  for (let tries = 0; ; ++tries) { // until the server has some of it on disk
    const head = await fetch(http() + ready.url, { method: 'HEAD' });
    if (Number(head.headers.get('upload-offset')) > 3 << 20) break;
    assert.ok(tries < 500, 'the half piece never reached the server');
  }
  server.child.kill('SIGKILL');
  await server.exited;
  const lastSeen = bob.welcome.lastSeq;

  server = await startParleyd(['--db', db, '--port', port]);
  try {
    alice = await joinWith(server.url, hello('alice'));
    ready = await announce(alice); // the same upload: where does it go on?
    assert.ok(ready.offset > 3 << 20 && ready.offset <= (3 << 20) + (512 << 10), `offset ${ready.offset}`);
    assert.equal((await put(ready.url, ready.offset, data.length)).status, 201);
    await alice.next((f) => f.type === 'ack' && f.clientId === 'u-1');
    bob = await joinWith(server.url, { ...hello('bob'), since: lastSeen });
    const page = await bob.next((f) => f.type === 'history' && f.messages.some((m) => m.file));
    const file = page.messages.find((m) => m.file).file;
    assert.equal(file.id, sha256);
    const fetched = await fetch(`${http()}/files/${sha256}?c=general&key=${encodeURIComponent(bob.welcome.fileKey)}`);
    assert.equal(fetched.status, 200);
    assert.equal(createHash('sha256').update(Buffer.from(await fetched.arrayBuffer())).digest('hex'), sha256);
  } finally {
    server.child.kill('SIGKILL');
  }
});
