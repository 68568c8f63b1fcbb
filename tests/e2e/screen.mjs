// Drives a real X display as a person does: reads what is on the screen (screenshots read by
// tesseract OCR), clicks on what it reads, and types with xdotool. Tests find a button by its
// words, not by coordinates or object names, so a hidden, covered or unlabelled control fails.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POLL_MS = 250; // between screen readings while waiting for text to appear

/** Starts Xvfb on a free display; resolves with { xvfb, display }. */
export function startXvfb(size = '1280x800x24') {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    xvfb.stdio[3].on('data', (d) => resolve({ xvfb, display: `:${String(d).trim()}` }));
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited ${code}`)));
  });
}

const normalise = (word) => word.toLowerCase().replace(/[^\p{L}\p{N}:./@-]/gu, '');

export class Screen {
  constructor(display) {
    this.display = display;
    this.env = { ...process.env, DISPLAY: display };
    this.dir = mkdtempSync(join(tmpdir(), 'parley-screen-'));
    this.shots = 0;
  }

  async xdotool(...args) {
    return (await run('xdotool', args, { env: this.env })).stdout.trim();
  }

  /** Saves a PNG of the whole screen; resolves with its path. */
  async screenshot(name = `shot-${++this.shots}`) {
    const file = join(this.dir, `${name}.png`);
    await run('import', ['-window', 'root', file], { env: this.env });
    return file;
  }

  /** The words on screen with their boxes, in screen pixels. Two readings are merged: plain
   * (dark text) and thresholded (light text such as placeholders and disabled buttons). */
  async words() {
    const shot = await this.screenshot('now');
    const words = [];
    for (const filter of [['-level', '20%,90%'], ['-threshold', '75%']]) {
      const image = join(this.dir, 'ocr.png');
      await run('convert', [shot, '-colorspace', 'Gray', '-resize', '200%', ...filter, image]);
      const { stdout } = await run('tesseract', [image, '-', '--psm', '11', 'tsv'], { maxBuffer: 1 << 24 });
      for (const line of stdout.split('\n').slice(1)) {
        const f = line.split('\t');
        if (f.length < 12 || Number(f[10]) < 40) continue;
        const text = normalise(f[11]);
        if (!text) continue;
        const [left, top, width, height] = f.slice(6, 10).map((v) => Number(v) / 2);
        words.push({ text, left, top, width, height, x: left + width / 2, y: top + height / 2 });
      }
    }
    return words;
  }

  /** Every place the phrase (one or more words, on one line) is shown, top to bottom. */
  async findAll(phrase) {
    const wanted = phrase.split(/\s+/).map(normalise);
    const words = await this.words();
    const found = [];
    for (const first of words) {
      if (!first.text.startsWith(wanted[0])) continue;
      const matched = [first];
      for (const next of wanted.slice(1)) {
        const last = matched.at(-1);
        const candidate = words.find((w) => w.left > last.left && w.left - (last.left + last.width) < 25 &&
                                            Math.abs(w.y - last.y) < 6 && w.text.startsWith(next));
        if (!candidate) break;
        matched.push(candidate);
      }
      if (matched.length !== wanted.length) continue;
      const left = matched[0].left;
      const right = matched.at(-1).left + matched.at(-1).width;
      const box = { left, right, top: first.top, x: (left + right) / 2, y: first.y };
      if (!found.some((b) => Math.abs(b.x - box.x) < 8 && Math.abs(b.y - box.y) < 8)) found.push(box);
    }
    return found.sort((a, b) => a.y - b.y || a.x - b.x);
  }

  /** Resolves with the first place the phrase shows (choose: picks among several), waiting for it. */
  async waitFor(phrase, { timeout = 15000, choose = (all) => all[0] } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const box = choose(await this.findAll(phrase));
      if (box) return box;
      if (Date.now() > deadline) {
        const seen = (await this.words()).map((w) => w.text).join(' ');
        throw new Error(`"${phrase}" never showed on screen (${await this.screenshot('missing')}); seen: ${seen}`);
      }
      await sleep(POLL_MS);
    }
  }

  /** Waits until the phrase is no longer on screen. */
  async waitGone(phrase, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    while ((await this.findAll(phrase)).length > 0) {
      if (Date.now() > deadline) throw new Error(`"${phrase}" is still on screen (${await this.screenshot('stuck')})`);
      await sleep(POLL_MS);
    }
  }

  async clickAt(x, y) {
    await this.xdotool('mousemove', '--sync', String(Math.round(x)), String(Math.round(y)), 'click', '1');
  }

  /** Clicks on the phrase once it shows. */
  async click(phrase, options) {
    const box = await this.waitFor(phrase, options);
    await this.clickAt(box.x, box.y);
    return box;
  }

  async type(text) {
    await this.xdotool('type', '--delay', '15', text);
  }

  async key(...keys) {
    await this.xdotool('key', ...keys);
  }

  /** Gives the first visible window with this title keyboard focus, as a window manager would. */
  async focusWindow(title, timeout = 20000) {
    // A window that goes away while xdotool walks the tree (the previous test's app closing)
    // makes it fail with BadWindow: that is no answer, so it asks again until the deadline.
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const seconds = String(Math.max(1, Math.ceil((deadline - Date.now()) / 1000)));
        const { stdout } = await run('timeout', [seconds, 'xdotool', 'search', '--sync', '--onlyvisible', '--name', title],
                                     { env: this.env });
        const window = stdout.trim().split('\n')[0];
        await this.xdotool('windowfocus', '--sync', window);
        return window;
      } catch (error) {
        if (!/BadWindow/.test(String(error.stderr ?? error.message)) || Date.now() > deadline) throw error;
        await sleep(POLL_MS);
      }
    }
  }
}
