// For scripts/screenshots: joining from a browser. The app (hosting, on DISPLAY) opens its web
// address dialog: screenshot 1. Then a phone-sized and a desktop-sized chromium join at the
// address the QR code holds, beside a scripted member and an unmodified socket.io-client app,
// and chat: screenshots 2 and 3. Usage (DISPLAY set): node screenshot-web.mjs OUT-DIR
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Screen } from '../tests/e2e/screen.mjs';
import { person } from './screenshot-person.mjs';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');
const { io } = require('socket.io-client');
const [out] = process.argv.slice(2);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const screen = new Screen(process.env.DISPLAY);
await screen.focusWindow('Parley');
await screen.click('Web address');
await screen.waitFor('Join from a browser');
await pause(500);
execFileSync('import', ['-window', 'root', join(out, 'web-address-qr.png')]);
const address = execFileSync('zbarimg', ['--raw', '-q', join(out, 'web-address-qr.png')], { encoding: 'utf8' }).trim();
await screen.key('Escape');

const ws = address.replace(/^http/, 'ws');
const bob = await person(ws, 'Bob');
const bot = io(address, { auth: { name: 'Quiz bot' } });
await new Promise((resolve) => bot.on('connect', resolve));
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const phone = await browser.newPage();
await phone.setViewport({ width: 390, height: 760, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const laptop = await (await browser.createBrowserContext()).newPage();
await laptop.setViewport({ width: 1100, height: 680 });
for (const [page, name] of [[phone, 'Minh'], [laptop, 'Sara']]) {
  await page.goto(address);
  await page.type('#name', name);
  await page.click('#join');
  await page.waitForSelector('#chat:not([hidden])');
}
const say = async (page, text) => { await page.type('#input', text); await page.keyboard.press('Enter'); await pause(400); };
bob.send({ type: 'chat', text: 'Morning! The projector is on in room 4.', clientId: 'b-1' });
await pause(400);
await screen.type('Thanks Bob. Everyone without the app: the address is in the header.');
await screen.key('Return');
await pause(400);
await say(phone, 'Joined from my phone 👋');
bot.emit('chat', 'Quiz starts in 5 minutes: https://quiz.example/7b');
await pause(400);
await say(laptop, 'Same here, from the library laptop.');
await phone.type('#input', 'See you th');
await pause(600);
await phone.screenshot({ path: join(out, 'web-phone.png') });
await laptop.screenshot({ path: join(out, 'web-desktop.png') });
await browser.close();
bot.close();
bob.ws.close();
