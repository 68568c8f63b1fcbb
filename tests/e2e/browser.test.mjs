// The browser client (server/web/) in Debian's chromium, driven headless by puppeteer-core,
// against the real parleyd, beside native v2 members (`ws`): a guest on a phone-sized screen
// joins by name, chats both ways, sees text as text, and survives a restart of parleyd without
// losing or repeating a message; a password room asks for its password.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Client, startParleyd } from './support.mjs';

const Chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const Phone = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

async function joinV2(url, name) {
  const client = new Client(url);
  await new Promise((resolve, reject) => { client.ws.once('open', resolve); client.ws.once('error', reject); });
  client.send({ type: 'hello', name, protocol: 2 });
  client.welcome = await client.next((f) => f.type === 'welcome');
  return client;
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
    server = await startParleyd(['--name', 'Web Room', '--db', join(dir, 'room.sqlite')]);
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
    // Written while the room is away: sent once it is back.
    await page.type('#input', 'written while away');
    await page.keyboard.press('Enter');
    server = await startParleyd(['--name', 'Web Room', '--db', join(dir, 'room.sqlite'), '--port', port]);
    const desk = await joinV2(server.url, 'Desk');
    await desk.next((f) => f.type === 'users' && f.count === 2, 15000); // the guest is back
    await desk.next((f) => f.type === 'chat' && f.text === 'written while away');
    desk.send({ type: 'chat', conversation: 'general', text: 'after the restart', clientId: 'd-2' });
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'after the restart'));

    const texts = await shownTexts(page);
    for (const text of ['from the phone', 'written while away', 'after the restart'])
      assert.equal(texts.filter((t) => t === text).length, 1, `${text} once in ${JSON.stringify(texts)}`);
    assert.equal(await page.$eval('#connection', (e) => e.textContent), '');
    assert.equal(await page.$$eval('#messages li.failed', (found) => found.length), 0);
    assert.deepEqual(page.problems, []);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'web-phone.png') });
    await page.close();
    desk.ws.close();
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
    const server = await startParleyd(['--password-file', passwordFile]);
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
      assert.deepEqual(page.problems, []);
    } finally {
      await browser.close();
      server.child.kill('SIGKILL');
    }
  });
});
