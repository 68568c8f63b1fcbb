// For scripts/screenshots: files in a room, seen from the real app. Scripted people (npm `ws`,
// protocol 2, files over HTTP as any client sends them) post a photo and a document; then Alice
// (the app) pastes a large picture from the clipboard and sends it over a link slowed down with
// `tc` (this runs in a network namespace of its own), so its transfer is on screen mid-way.
// Prints "ready" when the screen shows it all. Usage (DISPLAY set, root): node screenshot-files.mjs URL
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Screen } from '../tests/e2e/screen.mjs';
import { person } from './screenshot-person.mjs';

const [url] = process.argv.slice(2);
const http = url.replace(/^ws:/, 'http:').replace(/\/$/, '');
const dir = mkdtempSync(join(tmpdir(), 'parley-shot-files-'));
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function uploader(name) {
  const { send, next } = await person(url, name);
  let uploads = 0;
  const upload = async (bytes, name, text) => {
    const clientId = `${name}-${++uploads}`;
    send({ type: 'upload', conversation: 'general', name, size: bytes.length, text,
      sha256: createHash('sha256').update(bytes).digest('hex'), clientId });
    const ready = await next((f) => f.type === 'upload_ready' && f.clientId === clientId);
    const put = await fetch(http + ready.url, {
      method: 'PUT', headers: { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` }, body: bytes });
    if (put.status !== 201) throw new Error(`upload of ${name}: HTTP ${put.status}`);
  };
  return { send, upload };
}

const image = (file, ...args) => { execFileSync('convert', [...args, join(dir, file)]); return join(dir, file); };
const screen = new Screen(process.env.DISPLAY);
await screen.focusWindow('Parley');
const bob = await uploader('Bob');
const carol = await uploader('Carol');
bob.send({ type: 'chat', text: 'Photos from Friday are up', clientId: 'b-1' });
await pause(300);
await bob.upload(readFileSync(image('lake.jpg', '-size', '900x600', 'gradient:#7ec8e3-#1b4f72', '-fill', '#f4d35e',
  '-draw', 'circle 690,150 750,150', '-fill', '#2e7d32', '-draw', 'polygon 0,600 0,420 250,300 520,440 900,330 900,600',
  '-quality', '90')), 'lake.jpg', 'The lake at sunset');
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(182000, 32)]);
await carol.upload(pdf, 'trip-budget.pdf', 'Budget for the next one');
await screen.waitFor('trip-budget.pdf');

// Alice pastes a big picture and sends it over a slow link: its progress is on screen.
const big = image('bus.png', '-size', '1600x1000', 'plasma:#d9a05b-#3d5a80', '-seed', '7');
const xclip = spawn('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-i', big], { env: process.env });
await once(xclip, 'exit');
const link = (rate) => ['root', 'tbf', 'rate', rate, 'burst', '256kb', 'latency', '2s'];
await screen.key('ctrl+v');
await screen.waitFor('add a caption');
await screen.type('And mine from the bus');
execFileSync('tc', ['qdisc', 'add', 'dev', 'lo', ...link('3mbit')]);
await screen.key('Return');
await screen.waitFor('left'); // "… s left": on its way
await pause(1000);
console.log('ready');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0)); // (scripts/screenshots takes the slowed link away)
setTimeout(() => process.exit(0), 60000);
