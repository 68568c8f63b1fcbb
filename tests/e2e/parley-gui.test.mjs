// The real desktop client in a real X server (Xvfb), used as a person uses it: started with no
// options and fresh settings, read off the screen (OCR), clicked and typed into (xdotool). Rooms
// are real parleyd processes; node `ws` clients are the other people in them.
//
// Runs as the second machine of a two-namespace LAN (tests/discovery/run-in-netns.sh), so that a
// room announced by parleyd on the first shows in the app's "Rooms on this network".
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { Screen, startXvfb } from './screen.mjs';
import { Client, startParleyd } from './support.mjs';

const PARLEY = process.env.PARLEY;
const HOST_NETNS = process.env.PARLEY_TEST_HOST_NETNS; // the "other machine" (run-in-netns.sh)

let x;
let screen;
let gui;
const servers = [];
const clients = [];

/** Starts parley with no options and settings as on a first start; resolves once its window
 * shows and has the keyboard (as a window manager gives a new window). */
async function startGui() {
  const config = mkdtempSync(join(tmpdir(), 'parley-e2e-config-'));
  const data = mkdtempSync(join(tmpdir(), 'parley-e2e-data-'));
  const child = spawn(PARLEY, [], {
    env: {
      ...process.env,
      DISPLAY: x.display,
      QT_QPA_PLATFORM: 'xcb',
      LANG: 'en_US.UTF-8',
      XDG_CONFIG_HOME: config,
      XDG_DATA_HOME: data,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const app = { child, log: '', exited: once(child, 'exit'), config, data };
  child.stderr.on('data', (d) => { app.log += d; });
  const died = app.exited.then(([code]) => { throw new Error(`parley exited (${code}):\n${app.log}`); });
  died.catch(() => {}); // awaited in the race below; later exits are the tests' business
  try {
    await Promise.race([screen.focusWindow('^Parley$'), died]);
    await screen.waitFor('Your name');
  } catch (error) {
    // Not left behind: its window would take the next test's typing.
    child.kill('SIGKILL');
    await app.exited;
    throw error;
  }
  return app;
}

/** With SCREENSHOT_DIR set (scripts/screenshots), keeps what the window shows now there, as name.png. */
async function keepScreenshot(name) {
  if (!process.env.SCREENSHOT_DIR) return;
  const window = execFileSync('xdotool', ['search', '--onlyvisible', '--name', 'Parley|room', 'getwindowgeometry', '--shell'],
                              { env: { ...process.env, DISPLAY: x.display } }).toString();
  const [, w, h] = window.match(/WIDTH=(\d+)\s+HEIGHT=(\d+)/) ?? [, '980', '700'];
  execFileSync('convert', [await screen.screenshot(name), '-crop', `${w}x${h}+0+0`, '+repage',
                           join(process.env.SCREENSHOT_DIR, `${name}.png`)]);
}

/** A QML warning or error at run time is a defect, whatever the test was looking at. */
function assertNoQmlWarnings(app) {
  const warnings = app.log.split('\n').filter((line) => /\.qml:\d+|qrc:\/|TypeError|ReferenceError|Binding loop/.test(line));
  assert.deepEqual(warnings, [], `QML warnings from parley:\n${app.log.slice(-3000)}`);
}

async function server(args, options) {
  const s = await startParleyd(args, options);
  servers.push(s);
  return s;
}

async function person(url, name) {
  const c = await Client.join(url, name);
  clients.push(c);
  return c;
}

const joinedAs = (name) => (f) => f.type === 'presence' && f.joined.some((m) => m.name === name);

/** The Join button on the row of the address field (not the "Join a room" title). */
const joinButton = (field) => (all) => all.find((b) => Math.abs(b.y - field.y) < 8 && b.x > field.x);

before(async () => {
  assert.ok(PARLEY, 'set PARLEY to the parley executable (CTest does)');
  assert.ok(HOST_NETNS, 'run through tests/discovery/run-in-netns.sh (CTest does)');
  x = await startXvfb();
  screen = new Screen(x.display);
});

afterEach(async () => {
  if (gui) {
    gui.child.kill('SIGKILL');
    await gui.exited;
    gui = undefined;
  }
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const s of servers.splice(0)) s.child.kill('SIGKILL');
});

after(() => x?.xvfb.kill('SIGKILL'));

test('joins a room listed on the network with a click, and chats both ways', async () => {
  const room = await server(['--name', 'Listed room', '--announce', '--bind', '10.231.0.1'], { netns: HOST_NETNS });
  const nora = await person(room.url, 'Nora');
  gui = await startGui();
  await screen.type('Gui');
  await screen.click('Listed room');
  await nora.next(joinedAs('Gui'), 15000);
  await screen.waitFor('2 online');

  await screen.type('hello from the GUI');
  await screen.key('Return');
  const chat = await nora.next((f) => f.type === 'chat' && f.text === 'hello from the GUI', 10000);
  assert.equal(chat.from.name, 'Gui');

  nora.send({ type: 'chat', text: 'greetings to the window', clientId: 'n-1' });
  await screen.waitFor('greetings to the window');
  assertNoQmlWarnings(gui);

  gui.child.kill('SIGTERM');
  await nora.count(1, 10000);
});

test('clicking someone in the member list opens a direct conversation with them alone', async () => {
  const room = await server(['--name', 'Direct room', '--announce', '--bind', '10.231.0.1'], { netns: HOST_NETNS });
  const vera = new Client(room.url);
  clients.push(vera);
  await once(vera.ws, 'open');
  vera.send({ type: 'hello', name: 'Vera', protocol: 2 });
  await vera.next((f) => f.type === 'welcome');
  const olaf = await person(room.url, 'Olaf'); // a third, who must not see it
  gui = await startGui();
  await screen.type('Gus');
  await screen.click('Direct room');
  await vera.next(joinedAs('Gus'), 15000);
  await screen.waitFor('3 online');

  // The member list is at the right of the window.
  await screen.click('Vera', { choose: (all) => all.reduce((a, b) => (b.x > a.x ? b : a)) });
  await screen.waitFor('Direct messages with Vera');
  await screen.type('just between us');
  await screen.key('Return');
  const chat = await vera.next((f) => f.type === 'chat' && f.text === 'just between us', 10000);
  assert.match(chat.conversation, /^d:/);
  vera.send({ type: 'chat', conversation: chat.conversation, text: 'only you see this', clientId: 'v-1' });
  await screen.waitFor('only you see this');
  olaf.send({ type: 'chat', text: 'marker from olaf', clientId: 'o-1' });
  await olaf.next((f) => f.type === 'ack');
  assert.ok(!olaf.frames.some((f) => f.text === 'just between us' || f.text === 'only you see this'));
  assertNoQmlWarnings(gui);
});

/** How many pixels of a screenshot have this colour (give or take a little). */
function pixelsOf(file, colour) {
  return Number(execFileSync('convert', [file, '-fuzz', '6%', '-fill', 'black', '+opaque', colour, '-fill', 'white',
    '-opaque', colour, '-format', '%[fx:mean*w*h]', 'info:']).toString());
}

test('a pasted screenshot goes to the room, and a picture from someone else shows inline', async () => {
  const room = await server(['--name', 'Picture room', '--announce', '--bind', '10.231.0.1'], { netns: HOST_NETNS });
  const vera = new Client(room.url);
  clients.push(vera);
  await once(vera.ws, 'open');
  vera.send({ type: 'hello', name: 'Vera', protocol: 2 });
  const welcome = await vera.next((f) => f.type === 'welcome');
  gui = await startGui();
  await screen.type('Pia');
  await screen.click('Picture room');
  await vera.next(joinedAs('Pia'), 15000);
  await screen.waitFor('2 online');

  // A screenshot on the clipboard, as a person copies one, pasted into the composer.
  const copied = join(screen.dir, 'copied.png');
  execFileSync('convert', ['-size', '400x300', 'xc:#c81e8c', copied]);
  const xclip = spawn('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-i', copied], { env: screen.env });
  await once(xclip, 'exit'); // it owns the clipboard from a child of its own now
  await screen.key('ctrl+v');
  await screen.waitFor('add a caption');
  await screen.type('my screen');
  await screen.key('Return');
  const chat = await vera.next((f) => f.type === 'chat' && f.file, 20000);
  assert.equal(chat.text, 'my screen');
  assert.equal(chat.file.type, 'image/png');
  assert.equal(chat.file.width, 400);
  assert.match(chat.file.name, /^Pasted image .*\.png$/);
  // The other side fetches it whole: its bytes hash to its id.
  const http = room.url.replace(/^ws:/, 'http:').replace(/\/$/, '');
  const fetched = await fetch(`${http}/files/${chat.file.id}?c=general&key=${encodeURIComponent(welcome.fileKey)}`);
  assert.equal(fetched.status, 200);
  assert.equal(createHash('sha256').update(Buffer.from(await fetched.arrayBuffer())).digest('hex'), chat.file.id);

  // Vera sends a picture: it shows in the window, from its thumbnail.
  const picture = join(screen.dir, 'from-vera.png');
  execFileSync('convert', ['-size', '600x400', 'xc:#1e8c3c', picture]);
  const bytes = readFileSync(picture);
  vera.send({
    type: 'upload', conversation: 'general', name: 'from-vera.png', size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), clientId: 'v-up',
  });
  const ready = await vera.next((f) => f.type === 'upload_ready');
  const put = await fetch(http + ready.url, {
    method: 'PUT', headers: { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` }, body: bytes,
  });
  assert.equal(put.status, 201);
  await screen.waitFor('from-vera.png');
  const deadline = Date.now() + 15000;
  let green = 0;
  while ((green = pixelsOf(await screen.screenshot(), '#1e8c3c')) < 20000 && Date.now() < deadline);
  assert.ok(green >= 20000, `the picture is not on screen (${green} of its pixels)`);
  assertNoQmlWarnings(gui);
});

test('joins a typed address with the Join button', async () => {
  const room = await server(['--name', 'Typed room']);
  const nora = await person(room.url, 'Nora');
  gui = await startGui();
  await screen.type('Ana');
  const field = await screen.click('Room address');
  await screen.type(room.url);
  await screen.click('Join', { choose: joinButton(field) });
  await nora.next(joinedAs('Ana'), 15000);
  await screen.waitFor('Typed room');
  await screen.waitFor('2 online');
  assertNoQmlWarnings(gui);
});

// The keyboard only, from the first start to leaving, as someone who does not use a mouse: the
// Tab counts are the order a person meets the controls in (a new control in the way changes them).
test('the main flow with the keyboard only: join by address, read back, reply from the menu, leave', async () => {
  const room = await server(['--name', 'Keyboard room']);
  const lea = new Client(room.url);
  clients.push(lea);
  await once(lea.ws, 'open');
  lea.send({ type: 'hello', name: 'Lea', protocol: 2 });
  await lea.next((f) => f.type === 'welcome');
  gui = await startGui();
  await screen.type('Kim'); // the name field has the keyboard at start
  // Name → room name, port, Host, password, Encrypt, listed, people, rate, More limits, Refresh → address.
  for (let i = 0; i < 11; ++i) await screen.key('Tab');
  await screen.type(room.url);
  await screen.key('Return');
  const kim = (await lea.next(joinedAs('Kim'), 15000)).joined.find((m) => m.name === 'Kim');
  await screen.waitFor('Keyboard room');

  // What Enter sends goes to the room: the message field has the keyboard on arrival.
  lea.send({ type: 'chat', text: 'lunch at noon?', clientId: 'l-1' });
  const question = await lea.next((f) => f.type === 'ack' && f.clientId === 'l-1');
  lea.send({ type: 'chat', text: 'or at one', clientId: 'l-2' });
  await screen.waitFor('or at one');

  // Shift+Tab twice (past 📎) into the list, at the newest message; Up to the question; its
  // menu with the Menu key; Reply is the first item.
  await screen.key('shift+Tab', 'shift+Tab');
  await screen.key('Up');
  await screen.key('Menu');
  await screen.waitFor('Copy link');
  await screen.key('Down', 'Return');
  await screen.waitFor('Replying to Lea');
  await screen.type('noon works');
  await screen.key('Return');
  const reply = await lea.next((f) => f.type === 'chat' && f.text === 'noon works', 10000);
  assert.equal(reply.from.name, 'Kim');
  assert.equal(reply.reply?.seq, question.seq, 'the reply quotes another message than the one read');
  // In the window, the reply's bubble quotes the question: it shows a second time, above the answer.
  await screen.waitGone('Replying to Lea');
  await screen.waitFor('lunch at noon', { choose: (all) => all[1] });
  await screen.waitFor('noon works');
  await keepScreenshot('reply');

  // From the message field: Send, ⋯, 🔍, Notify, Leave; Space presses it.
  for (let i = 0; i < 5; ++i) await screen.key('Tab');
  await screen.key('space');
  await lea.next((f) => f.type === 'presence' && (f.left ?? []).includes(kim.id), 10000);
  await screen.waitFor('Your name');
  assertNoQmlWarnings(gui);
});

test('joins a listed password room: the click asks for the password, Enter joins', async () => {
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'parley-e2e-pw-')), 'password');
  writeFileSync(passwordFile, 'open sesame\n');
  const room = await server(['--name', 'Locked room', '--password-file', passwordFile, '--announce', '--bind', '10.231.0.1'],
                            { netns: HOST_NETNS });
  const insider = new Client(room.url);
  clients.push(insider);
  await once(insider.ws, 'open');
  insider.send({ type: 'hello', name: 'Insider', password: 'open sesame' });
  await insider.next((f) => f.type === 'welcome');

  gui = await startGui();
  await screen.type('Ben');
  await screen.click('Locked room'); // listed with "Password": the password field gets the keys
  await screen.type('open sesame');
  await screen.key('Return');
  await insider.next(joinedAs('Ben'), 15000);
  await screen.waitFor('2 online');
  assertNoQmlWarnings(gui);
});

test('hosts a room, closes it, and joins another', async () => {
  const other = await server(['--name', 'Next room']);
  const watcher = await person(other.url, 'Watcher');
  gui = await startGui();
  await screen.type('Cai');
  const titles = await screen.findAll('Host a room');
  await screen.click('Host', { choose: (all) => all.find((b) => !titles.some((t) => Math.abs(t.y - b.y) < 8)) });
  await screen.waitFor('Hosting');
  const guest = await person('ws://127.0.0.1:47800/', 'Guest');
  assert.equal(guest.welcome.room, "Cai's room");
  // Where the README says files go.
  assert.ok(existsSync(join(gui.config, 'Parley', 'Parley.conf')));
  const stored = readdirSync(join(gui.data, 'Parley', 'Parley', 'rooms'));
  assert.ok(stored.some((name) => /^Cai-s-room-[0-9a-f]{8}\.sqlite$/.test(name)), stored.join());
  assert.ok(stored.some((name) => /^Cai-s-room-[0-9a-f]{8}\.files$/.test(name)), stored.join()); // what is sent in it
  await screen.waitFor('2 online');

  await screen.click('Close room');
  await screen.waitFor('Close the room?');
  await screen.click('Close the room', { choose: (all) => all.at(-1) }); // the button, below the title
  assert.equal(await guest.closed, 4002);
  await screen.click('Room address');
  await screen.type(other.url);
  await screen.key('Return');
  await watcher.next(joinedAs('Cai'), 15000);
  await screen.waitFor('Next room');
  assertNoQmlWarnings(gui);
});

test('the host edits and deletes its message, finds an old one, and mutes a member, with the mouse', async () => {
  gui = await startGui();
  await screen.type('Mia');
  const titles = await screen.findAll('Host a room');
  await screen.click('Host', { choose: (all) => all.find((b) => !titles.some((t) => Math.abs(t.y - b.y) < 8)) });
  await screen.waitFor('Hosting');
  const guest = await Client.joinWith('ws://127.0.0.1:47800/', { name: 'Guest', protocol: 2 });
  clients.push(guest);
  guest.send({ type: 'chat', conversation: 'general', text: 'tiếng Việt lesson at noon', clientId: 'g-1' });
  await screen.waitFor('lesson at noon');
  const rightClick = (box) => screen.xdotool('mousemove', '--sync', String(Math.round(box.x)), String(Math.round(box.y)), 'click', '3');

  // Edit: the message's menu puts its text in the input; Enter saves it for everyone.
  await screen.type('see you at fiev');
  await screen.key('Return');
  const posted = await guest.next((f) => f.type === 'chat' && f.text === 'see you at fiev');
  await rightClick(await screen.waitFor('fiev'));
  await screen.waitFor('Edit');
  await keepScreenshot('message-menu');
  await screen.click('Edit');
  await screen.waitFor('Editing your message');
  await screen.key('BackSpace', 'BackSpace', 'BackSpace', 'BackSpace');
  await screen.type('five');
  await screen.key('Return');
  const edited = await guest.next((f) => f.type === 'changed' && f.seq === posted.seq && f.text === 'see you at five');
  assert.ok(edited.edited > 0);
  await screen.waitFor('(edited)');

  // Delete: asked first, then gone for everyone.
  await rightClick(await screen.waitFor('five'));
  await screen.click('Delete');
  await screen.waitFor('Delete this message?');
  await screen.click('Delete', { choose: (all) => all.at(-1) }); // the dialog's button, below its title
  await guest.next((f) => f.type === 'changed' && f.seq === posted.seq && f.deleted === 'author');
  await screen.waitFor('Message deleted');

  // Search without the accents finds the guest's message.
  await screen.key('ctrl+f');
  await screen.waitFor('Search every conversation');
  await screen.type('tieng viet');
  if (process.env.SCREENSHOT_DIR) { // a picture only: the highlighted result is no text to wait for
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await keepScreenshot('search');
  }
  // Enter opens the first result once there is one (the panel then closes); until the room has
  // answered, Enter searches again. Each look at the screen takes a moment, so this is no busy loop.
  for (let tries = 0; tries < 10 && (await screen.findAll('Search every conversation')).length > 0; ++tries)
    await screen.key('Return');
  await screen.waitGone('Search every conversation');

  // Moderation: the host mutes the guest from the member list, with a reason the guest is shown.
  await screen.key('Escape');
  await rightClick(await screen.waitFor('Guest', { choose: (all) => all.reduce((a, b) => (b.x > a.x ? b : a)) }));
  await screen.click('Mute for 10 minutes');
  await screen.waitFor('Mute Guest for 10 minutes?');
  // The reason takes the typing at once (a space once landed on the button and confirmed).
  await screen.type('calm down');
  await keepScreenshot('moderation');
  await screen.key('Return');
  const muted = await guest.next((f) => f.type === 'sanction' && f.action === 'mute', 10000);
  assert.equal(muted.reason, 'calm down');
  assert.equal(muted.by.name, 'Mia');
  guest.send({ type: 'chat', conversation: 'general', text: 'still here?', clientId: 'g-2' });
  await guest.next((f) => f.type === 'error' && f.code === 'muted');
  assertNoQmlWarnings(gui);
});

test('a phone joins a hosted room from its QR code in a browser, and they chat both ways', async () => {
  gui = await startGui();
  await screen.type('Hana');
  const titles = await screen.findAll('Host a room');
  await screen.click('Host', { choose: (all) => all.find((b) => !titles.some((t) => Math.abs(t.y - b.y) < 8)) });
  await screen.waitFor('Hosting');
  await screen.click('Web address');
  await screen.waitFor('Join from a browser');
  // What a phone's camera reads off the screen.
  const address = execFileSync('zbarimg', ['--raw', '-q', await screen.screenshot('qr')], { encoding: 'utf8' }).trim();
  assert.match(address, /^http:\/\/[0-9.]+:47800\/$/);
  await screen.key('Escape');

  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(address);
    await page.type('#name', 'Phone');
    await page.click('#join');
    await page.waitForFunction(() => document.querySelector('#badge')?.textContent === '2 online');
    await screen.waitFor('2 online');

    await screen.type('hello phone');
    await screen.key('Return');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === 'hello phone'));
    await page.type('#input', 'hello desktop');
    await page.keyboard.press('Enter');
    await screen.waitFor('hello desktop');
    assertNoQmlWarnings(gui);
  } finally {
    await browser.close();
  }
});

test('About shows the version CMake set', async () => {
  gui = await startGui();
  await screen.click('About Parley');
  await screen.waitFor(`Version ${process.env.PARLEY_VERSION}`);
  assertNoQmlWarnings(gui);
});
