// Helpers for driving real Parley processes from node: start parleyd, talk to it with `ws`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';

export const PARLEYD = process.env.PARLEYD;
function parleyd() {
  if (!PARLEYD) throw new Error('set PARLEYD to the parleyd executable (CTest does)');
  return PARLEYD;
}

/** Starts parleyd on a free port of loopback (unless args name a --bind; history in memory
 * unless they name a --db), in network namespace netns if given, with env added to the
 * environment; resolves once it prints its listening line. */
export async function startParleyd(args = [], { netns, env } = {}) {
  const db = args.includes('--db') ? [] : ['--db', ':memory:'];
  const bind = args.includes('--bind') ? [] : ['--bind', '127.0.0.1'];
  const command = [parleyd(), '--port', '0', ...bind, ...db, ...args];
  if (netns) command.unshift('ip', 'netns', 'exec', netns); // it execs parleyd: same pid
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parleyd did not start: ${stderr}`)), 10000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = stdout.match(/^listening on (wss?:\/\/[^\s]+)$/m);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`parleyd exited ${code}: ${stderr}`)); });
  });
  const exited = once(child, 'exit');
  return { child, url, exited, stderr: () => stderr };
}

/** Runs parleyd to completion and returns its exit code and output. */
export async function runParleyd(args) {
  const child = spawn(parleyd(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

/** A `ws` client that records every JSON frame and waits for frames by condition. */
export class Client {
  constructor(url, options = {}) {
    this.frames = [];
    this.waiters = [];
    this.ws = new WebSocket(url, options);
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
    this.ws.on('message', (data, isBinary) => {
      const frame = JSON.parse(data.toString());
      if (isBinary) frame.__binary = true;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => !w.check());
    });
  }

  static join(url, name, options = {}) {
    return Client.joinWith(url, { name }, options);
  }

  /** Joins with a hello of these fields (name, token, since, protocol…); resolves once welcomed. */
  static async joinWith(url, hello, options = {}) {
    const client = new Client(url, options);
    await once(client.ws, 'open');
    client.send({ type: 'hello', ...hello });
    client.welcome = await client.next((f) => f.type === 'welcome');
    return client;
  }

  send(object) { this.ws.send(JSON.stringify(object)); }
  sendRaw(data, options) { this.ws.send(data, options); }
  of(type) { return this.frames.filter((f) => f.type === type); }
  lastCount() { const counts = this.of('users'); return counts.length ? counts.at(-1).count : undefined; }

  /** Resolves with the first frame so far or later matching predicate. */
  next(predicate, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const found = this.frames.find(predicate);
          if (found) { clearTimeout(waiter.timer); resolve(found); }
          return Boolean(found);
        },
      };
      if (waiter.check()) return;
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting; got ${JSON.stringify(this.frames).slice(-600)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves once the latest user count equals n. */
  count(n, timeoutMs = 5000) {
    return this.next(() => this.lastCount() === n, timeoutMs);
  }

  close() { this.ws.close(); return this.closed; }
}
