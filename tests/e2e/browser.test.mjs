// The browser client (server/web/) in Debian's chromium, driven headless by puppeteer-core,
// against the real parleyd, beside native v2 members (`ws`): a guest on a phone-sized screen
// joins by name, chats both ways, sees text as text, and survives a restart of parleyd without
// losing or repeating a message; a password room asks for its password.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Client, startParleyd } from './support.mjs';

const Chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const Phone = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

const joinV2 = (url, name) => Client.joinWith(url, { name, protocol: 2 });

// A 2 × 1 PNG: a picture the room can make a thumbnail of.
const Png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==', 'base64');

/** Sends a file as a native client does: `upload`, then the bytes over HTTP. */
async function sendFile(client, httpUrl, conversation, name, bytes) {
  const clientId = `f-${name}`;
  client.send({ type: 'upload', conversation, name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), clientId });
  const ready = await client.next((f) => f.type === 'upload_ready' && f.clientId === clientId);
  const answer = await fetch(new URL(ready.url, httpUrl), {
    method: 'PUT', headers: { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` }, body: bytes,
  });
  assert.equal(answer.status, 201);
  await client.next((f) => f.type === 'ack' && f.clientId === clientId);
}

/** A page of the browser that fails the test on any script error, CSP violation or failed load. */
async function openPage(browser, url, language = 'en-US') {
  const page = await browser.newPage();
  await page.setViewport(Phone);
  await page.setExtraHTTPHeaders({ 'Accept-Language': language });
  await page.evaluateOnNewDocument((lang) => {
    Object.defineProperty(navigator, 'languages', { get: () => [lang] });
  }, language);
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') page.problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => page.problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

const shownTexts = (page) => page.$$eval('#messages .text', (items) => items.map((item) => item.textContent));

describe('the web client in chromium', () => {
  let browser;
  let server;
  let dir;
  let pageUrl;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
    server = await startParleyd(['--name', 'Web Room', '--db', join(dir, 'room.sqlite'), '--rate', '1000', '--burst', '1000']);
    pageUrl = server.url.replace(/^ws:/, 'http:');
    browser = await puppeteer.launch({ executablePath: Chromium, headless: true, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGKILL');
  });

  test('a guest joins by name, chats both ways with a native member, and sees text as text', async () => {
    const desk = await joinV2(server.url, 'Desk');
    const page = await openPage(browser, pageUrl);
    assert.equal(await page.$eval('#join', (b) => b.textContent), 'Join');
    await page.type('#name', 'Phone');
    await page.click('#join');
    await page.waitForSelector('#chat:not([hidden])');
    await page.waitForFunction(() => document.querySelector('#badge').textContent === '2 online');
    assert.equal(await page.$eval('#roomName', (e) => e.textContent), 'Web Room');
    assert.equal(await page.$eval('#conversationTitle', (e) => e.textContent), '#general');
    await page.waitForFunction(() => [...document.querySelectorAll('#members button')].map((b) => b.textContent).join() === 'Desk,Phone (you)');

    // What a member sends is shown as it was typed, markup and all, never run or rendered.
    const hostile = 'hi <b>bold</b> <img src=x onerror="document.title=\'owned\'">';
    desk.send({ type: 'chat', conversation: 'general', text: hostile, clientId: 'd-1' });
    await page.waitForFunction((text) => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === text), {}, hostile);
    assert.equal(await page.$$eval('#messages b, #messages .text img', (found) => found.length), 0);
    assert.notEqual(await page.title(), 'owned');

    // Too long for the room: said at once, and what was typed stays.
    await page.$eval('#input', (input, text) => { input.value = text; }, 'x'.repeat(4001));
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('#composerError', (e) => e.textContent), 'Too long: 4001 of 4000 characters');
    assert.equal(await page.$eval('#input', (e) => e.value.length), 4001);
    await page.$eval('#input', (input) => { input.value = ''; });

    // A link is a link; someone else named like a member is told apart by a tag.
    desk.send({ type: 'chat', conversation: 'general', text: 'see https://example.org/a?b=c.', clientId: 'd-link' });
    const webLink = await page.waitForSelector('#messages .text a');
    assert.equal(await webLink.evaluate((a) => a.href), 'https://example.org/a?b=c');
    const impostor = await joinV2(server.url, 'Dеsk'); // a Cyrillic е
    impostor.send({ type: 'chat', conversation: 'general', text: 'I am Desk', clientId: 'i-1' });
    await page.waitForFunction((tag) => [...document.querySelectorAll('#messages .from')].some((e) => e.textContent === `Dеsk #${tag}`),
      {}, impostor.welcome.you.id.slice(0, 4));
    impostor.ws.close();

    // Typing shows on the other side; Enter sends.
    await page.type('#input', 'from the phone');
    await desk.next((f) => f.type === 'typing' && f.from.name === 'Phone');
    await page.keyboard.press('Enter');
    const chat = await desk.next((f) => f.type === 'chat' && f.text === 'from the phone');
    assert.equal(chat.conversation, 'general');
    await page.waitForFunction(() => document.querySelector('#messages li.own time')?.dateTime);

    // The native member typing: the guest sees who.
    desk.send({ type: 'typing', conversation: 'general' });
    await page.waitForFunction(() => document.querySelector('#typing').textContent === 'Desk is typing…');

    // A picture shows inline from its thumbnail; another file is a link that downloads it.
    await sendFile(desk, pageUrl, 'general', 'dot.png', Png);
    const picture = await page.waitForSelector('#messages a.file img');
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, {}, picture);
    assert.equal(await picture.evaluate((img) => img.alt), 'dot.png');
    await sendFile(desk, pageUrl, 'general', 'notes.txt', Buffer.from('the notes'));
    const link = await page.waitForSelector('#messages a.file[download="notes.txt"]');
    assert.match(await link.evaluate((a) => a.textContent), /notes\.txt \(9 B\)/);
    assert.equal(await link.evaluate(async (a) => (await fetch(a.href)).text()), 'the notes');

    // The guest sends files: 📎 and a 20 MiB file in pieces; the room checks its hash (our own
    // SHA-256 in the page) and the native member gets it; a picture shows from the file itself.
    const big = join(dir, 'big.bin');
    const bytes = randomBytes(20 * 1024 * 1024 + 5);
    writeFileSync(big, bytes);
    await (await page.$('#fileInput')).uploadFile(big);
    const bigChat = await desk.next((f) => f.type === 'chat' && f.file?.name === 'big.bin', 30000);
    assert.equal(bigChat.file.id, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(bigChat.file.size, bytes.length);
    await page.waitForSelector('#messages a.file[download="big.bin"]');
    assert.equal(await page.$$eval('#messages li.upload', (found) => found.length), 0, 'no upload row left');
    const dot = join(dir, 'mine.png');
    writeFileSync(dot, Png);
    await page.type('#input', 'a caption');
    await (await page.$('#fileInput')).uploadFile(dot);
    const pictureChat = await desk.next((f) => f.type === 'chat' && f.file?.name === 'mine.png');
    assert.equal(pictureChat.text, 'a caption');
    assert.equal(pictureChat.file.width, 2);
    await page.waitForFunction(() => [...document.querySelectorAll('#messages img.own')].some((img) => img.complete && img.naturalWidth === 2));

    // A direct message: the guest sees who wrote, with an unread count, and answers there.
    const phone = [...desk.welcome.members, ...desk.of('presence').flatMap((p) => p.joined ?? [])].find((m) => m.name === 'Phone');
    desk.send({ type: 'open_direct', member: phone.id });
    const direct = (await desk.next((f) => f.type === 'conversation' && f.conversation.kind === 'direct')).conversation;
    desk.send({ type: 'chat', conversation: direct.id, text: 'just for you', clientId: 'd-dm' });
    await page.click('#menuButton'); // a phone: the sidebar is behind ☰
    const dmButton = await page.waitForSelector(`#conversations button[data-id="${direct.id}"].unread`);
    assert.equal(await dmButton.evaluate((b) => b.textContent), 'Desk1');
    await dmButton.click();
    await page.waitForFunction(() => document.querySelector('#conversationTitle').textContent === 'Desk');
    assert.equal(await page.$eval('#roomName', (e) => e.textContent), 'Direct messages · Web Room');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'just for you'));
    await page.type('#input', 'and for you');
    await page.keyboard.press('Enter');
    assert.equal((await desk.next((f) => f.type === 'chat' && f.text === 'and for you')).conversation, direct.id);

    // A channel someone made: listed among the others, joined with a click.
    desk.send({ type: 'create_channel', name: 'homework' });
    const homework = (await desk.next((f) => f.type === 'conversation' && f.conversation.name === 'homework')).conversation;
    await page.click('#menuButton');
    await (await page.waitForSelector('#otherChannels button')).click();
    await page.waitForFunction(() => document.querySelector('#conversationTitle').textContent === '#homework');
    await page.type('#input', 'due Friday?');
    await page.keyboard.press('Enter');
    assert.equal((await desk.next((f) => f.type === 'chat' && f.text === 'due Friday?')).conversation, homework.id);
    await page.click('#menuButton');
    await (await page.waitForSelector('#conversations button[data-id="general"]')).click();
    await page.waitForFunction(() => document.querySelector('#conversationTitle').textContent === '#general');

    assert.deepEqual(page.problems, []);
    await page.close();
    desk.ws.close();
  });

  test('older messages come a page at a time with "Load older messages"', async () => {
    const desk = await joinV2(server.url, 'Desk');
    for (let i = 0; i < 60; ++i) desk.send({ type: 'chat', conversation: 'general', text: `old ${i}`, clientId: `o-${i}` });
    await desk.next((f) => f.type === 'ack' && f.clientId === 'o-59', 15000);
    const page = await openPage(browser, pageUrl);
    await page.click('#join');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'old 59'));
    assert.equal((await shownTexts(page)).length, 50);
    await page.click('#older');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'old 0'));
    const texts = await shownTexts(page);
    assert.equal(new Set(texts).size, texts.length, 'nothing twice');
    assert.deepEqual(page.problems, []);
    await page.close();
    desk.ws.close();
  });

  test('the guest survives a restart of parleyd without losing or repeating a message', async () => {
    const page = await openPage(browser, pageUrl);
    assert.equal(await page.$eval('#name', (e) => e.value), 'Phone', 'the name is remembered');
    await page.click('#join');
    await page.waitForSelector('#chat:not([hidden])');
    await page.waitForFunction(() => document.querySelectorAll('#messages .text').length >= 2); // the history
    const port = new URL(server.url).port;

    server.child.kill('SIGTERM');
    await server.exited;
    await page.waitForFunction(() => document.querySelector('#connection').textContent.includes('reconnecting'));
    // Written while the room is away: sent once it is back, in order, at the pace the room's
    // welcome allows (100/s, bursts of 80: room for a stall of parleyd under load). All at once,
    // 170 of them would be refused and the 100th refusal would close the connection as a flood.
    await page.type('#input', 'written while away');
    await page.keyboard.press('Enter');
    const away = Array.from({ length: 250 }, (_, i) => `away ${i}`);
    for (const text of away) {
      await page.$eval('#input', (input, value) => { input.value = value; }, text);
      await page.keyboard.press('Enter');
    }
    server = await startParleyd(['--name', 'Web Room', '--db', join(dir, 'room.sqlite'), '--rate', '100', '--burst', '80', '--port', port, '--verbose']);
    const desk = await joinV2(server.url, 'Desk');
    await desk.next((f) => f.type === 'users' && f.count === 2, 15000); // the guest is back
    await desk.next((f) => f.type === 'chat' && f.text === 'written while away');
    await page.waitForFunction((last) => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === last)
      && !document.querySelector('#messages li.sending'), {}, away.at(-1));
    assert.doesNotMatch(server.stderr(), /flooding/);
    desk.send({ type: 'chat', conversation: 'general', text: 'after the restart', clientId: 'd-2' });
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'after the restart'));

    const texts = await shownTexts(page);
    for (const text of ['old 59', 'written while away', ...away, 'after the restart'])
      assert.equal(texts.filter((t) => t === text).length, 1, `${text} once in ${JSON.stringify(texts)}`);
    assert.deepEqual(texts.filter((t) => t.startsWith('away ')), away, 'in the order written');
    assert.equal(await page.$eval('#connection', (e) => e.textContent), '');
    assert.equal(await page.$$eval('#messages li.failed', (found) => found.length), 0);
    // A reconnect tried while the room was down (a slow start, under ASan) is refused, and Chromium
    // logs every refused WebSocket itself: that one is expected, nothing else is.
    const refused = `console: WebSocket connection to 'ws://127.0.0.1:${port}/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`;
    assert.deepEqual(page.problems.filter((problem) => problem !== refused), []);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'web-phone.png') });
    await page.close();
    desk.ws.close();
  });

  test('edits and deletions show in place, live and across a kill -9 of parleyd', async () => {
    const editor = { name: 'Editor', protocol: 2, token: 'editor-token-0123456789' }; // the same member after the restart
    const desk = await Client.joinWith(server.url, editor);
    const posted = {};
    for (const text of ['typo hrer', 'oops, wrong room']) {
      desk.send({ type: 'chat', conversation: 'general', text, clientId: `e-${text}` });
      posted[text] = (await desk.next((f) => f.type === 'ack' && f.clientId === `e-${text}`)).seq;
    }
    const page = await openPage(browser, pageUrl);
    await page.click('#join');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'oops, wrong room'));

    desk.send({ type: 'edit', conversation: 'general', seq: posted['typo hrer'], text: 'typo here' });
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'typo here'));
    const edited = await page.$$eval('#messages li', (items) => items.filter((li) => li.querySelector('.text')?.textContent === 'typo here')
      .map((li) => li.querySelector('.edited')?.textContent));
    assert.deepEqual(edited, ['(edited)']);

    // The room is killed; once it is back, the other message is deleted. Whether the guest hears
    // it live or in its resume, it shows once, in place, and the text is gone.
    const port = new URL(server.url).port;
    server.child.kill('SIGKILL');
    await server.exited;
    await page.waitForFunction(() => document.querySelector('#connection').textContent.includes('reconnecting'));
    server = await startParleyd(['--name', 'Web Room', '--db', join(dir, 'room.sqlite'), '--rate', '1000', '--burst', '1000', '--port', port]);
    const back = await Client.joinWith(server.url, editor);
    back.send({ type: 'delete', conversation: 'general', seq: posted['oops, wrong room'] });
    await back.next((f) => f.type === 'changed' && f.seq === posted['oops, wrong room']);
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text.deleted')].some((e) => e.textContent === 'Message deleted'));
    await page.waitForFunction(() => document.querySelector('#connection').textContent === '');
    const texts = await shownTexts(page);
    assert.equal(texts.filter((t) => t === 'typo here').length, 1);
    assert.equal(texts.filter((t) => t === 'Message deleted').length, 1);
    assert.ok(!texts.includes('oops, wrong room') && !texts.includes('typo hrer'), JSON.stringify(texts));
    assert.deepEqual(page.problems, []);
    await page.close();
    desk.ws.close();
    back.ws.close();
  });

  test('a Vietnamese browser gets the page in Vietnamese', async () => {
    const page = await openPage(browser, pageUrl, 'vi-VN');
    assert.equal(await page.$eval('#join', (b) => b.textContent), 'Vào phòng');
    assert.equal(await page.$eval('html', (e) => e.lang), 'vi');
    await page.close();
  });
});

describe('the web client in a password room', () => {
  test('asks for the password, says when it is wrong, and joins with the right one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-browser-password-'));
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, 'open sesame\n');
    const server = await startParleyd(['--password-file', passwordFile, '--max-file-mib', '1']);
    const browser = await puppeteer.launch({ executablePath: Chromium, headless: true, args: ['--no-sandbox'] });
    try {
      const page = await openPage(browser, server.url.replace(/^ws:/, 'http:'));
      await page.type('#name', 'Guest');
      await page.click('#join');
      await page.waitForSelector('#passwordRow:not([hidden])');
      assert.equal(await page.$eval('#startError', (e) => e.textContent), 'This room has a password.');
      await page.type('#password', 'wrong');
      await page.click('#join');
      await page.waitForFunction(() => document.querySelector('#startError').textContent === 'That password is not right.');
      await page.click('#password', { clickCount: 3 });
      await page.type('#password', 'open sesame');
      await page.click('#join');
      await page.waitForSelector('#chat:not([hidden])');
      await page.waitForFunction(() => document.querySelector('#badge').textContent === '1 online');

      // A file larger than the room takes is refused before a byte is sent, and says so.
      const tooBig = join(dir, 'too-big.bin');
      writeFileSync(tooBig, Buffer.alloc(2 * 1024 * 1024));
      await (await page.$('#fileInput')).uploadFile(tooBig);
      await page.waitForFunction(() => document.querySelector('#messages li.upload.failed time')?.textContent === 'not sent: larger than this room takes (1 MB)');
      await page.click('#messages li.upload .cancel');
      await page.waitForFunction(() => !document.querySelector('#messages li.upload'));
      assert.deepEqual(page.problems, []);
    } finally {
      await browser.close();
      server.child.kill('SIGKILL');
    }
  });
});
