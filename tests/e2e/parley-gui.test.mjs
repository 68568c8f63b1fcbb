// The real desktop client in a real X server (Xvfb), joined to the real parleyd, with a node
// `ws` client in the same room: the GUI counts as a user, what is typed into its window reaches
// the node client, and the node client's messages reach the GUI's message model.
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Client, startParleyd } from './support.mjs';

const PARLEY = process.env.PARLEY;
const run = promisify(execFile);

/** Starts Xvfb on a free display; resolves with ":N". */
function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '980x700x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    xvfb.stdio[3].on('data', (d) => resolve({ xvfb, display: `:${String(d).trim()}` }));
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited ${code}`)));
  });
}

let server;
let x;
let gui;
let guiLog = '';
let nora;

before(async () => {
  assert.ok(PARLEY, 'set PARLEY to the parley executable (CTest does)');
  server = await startParleyd(['--name', 'E2E room']);
  x = await startXvfb();
  nora = await Client.join(server.url, 'Nora');
  gui = spawn(PARLEY, ['--connect', server.url, '--name', 'Gui'], {
    env: {
      ...process.env,
      DISPLAY: x.display,
      QT_QPA_PLATFORM: 'xcb',
      QT_LOGGING_RULES: 'parley.client.debug=true',
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'parley-e2e-')),
      XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'parley-e2e-data-')),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  gui.stderr.on('data', (d) => { guiLog += d; });
});

after(() => {
  gui?.kill('SIGKILL');
  server?.child.kill('SIGKILL');
  x?.xvfb.kill('SIGKILL');
});

test('the GUI client joins and counts as a user', async () => {
  await nora.next((f) => f.type === 'presence' && f.joined.some((m) => m.name === 'Gui'), 20000);
  await nora.count(2);
});

test('what is typed into the window reaches the node client', async () => {
  const env = { ...process.env, DISPLAY: x.display };
  const { stdout } = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', 'E2E room'], { env });
  const window = stdout.trim().split('\n')[0];
  await run('xdotool', ['windowfocus', '--sync', window], { env });
  await run('xdotool', ['type', '--delay', '10', 'hello from the GUI'], { env });
  await run('xdotool', ['key', 'Return'], { env });
  const chat = await nora.next((f) => f.type === 'chat' && f.text === 'hello from the GUI', 10000);
  assert.equal(chat.from.name, 'Gui');
});

test("the node client's message reaches the GUI's model", async () => {
  nora.send({ type: 'chat', text: 'hello GUI', clientId: 'n-1' });
  const ack = await nora.next((f) => f.type === 'ack' && f.clientId === 'n-1');
  const line = `chat ${ack.seq} from "${nora.welcome.you.id}" is row`;
  const deadline = Date.now() + 10000;
  while (!guiLog.includes(line) && Date.now() < deadline)
    await new Promise((resolve) => gui.stderr.once('data', resolve));
  assert.ok(guiLog.includes(line), `GUI log lacks ${line}:\n${guiLog.slice(-2000)}`);
});

test('closing the GUI brings the count back to 1', async () => {
  gui.kill('SIGTERM');
  await nora.count(1, 10000);
});
