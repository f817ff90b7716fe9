// The reference order receiver (`chatcart receive`), started as a merchant runs it: the real
// binary with a real SQLite file, on a free port. The native tests build it.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHATCART = process.env.CHATCART_BIN ?? join(ROOT, 'target/debug/chatcart');
export const DEMO_CATALOG = join(ROOT, 'public/demo-catalog.json');
export const DEMO_SETTINGS = join(ROOT, 'public/demo-shop.json');

/** Starts `chatcart receive` allowing `origin`, with the demo shop's settings file as the
 *  demo page has it and any `extra` arguments; resolves to { url, base, db, orders(), stop() }. */
export async function startReceiver({ origin, catalog = DEMO_CATALOG, settings = DEMO_SETTINGS, extra = [] }) {
  const db = join(mkdtempSync(join(tmpdir(), 'chatcart-e2e-')), 'orders.sqlite');
  const child = spawn(
    CHATCART,
    ['receive', '--catalog', catalog, '--settings', settings, '--db', db, '--listen', '127.0.0.1:0', '--allow-origin', origin, ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const address = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`chatcart receive exited with ${code}`)));
    lines.on('line', (line) => {
      const found = line.match(/orders to (http:\/\/[^/]+)\/orders/);
      if (found) resolve(found[1]);
    });
  });
  return {
    url: `${address}/orders`,
    base: address,
    db,
    /** The orders in the database, as `chatcart orders --json` lists them. */
    orders: () => JSON.parse(execFileSync(CHATCART, ['orders', '--db', db, '--json'], { encoding: 'utf8' })),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill();
      }),
  };
}

/** Sets the inbox password of `name` in `db`, as a merchant does with `chatcart inbox-user`. */
export function setInboxUser(db, name, password) {
  execFileSync(CHATCART, ['inbox-user', '--db', db, name], { input: `${password}\n`, encoding: 'utf8' });
}

export const DEMO_UPI_ID = 'sharmastore@okaxis';

/** A route handler serving the demo page configured to send orders to `endpoint()` (read at
 *  each request, so a test can start its own receiver), with a UPI id and delivery slots. */
export function endpointShopPage(endpoint) {
  return async (req, res) => {
    const html = (await readFile(join(ROOT, 'dist/index.html'), 'utf8')).replace(
      'data-chatcart',
      `data-chatcart data-endpoint="${endpoint()}" data-upi="${DEMO_UPI_ID}" data-delivery-slots="8–11 am | 5–8 pm"`,
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  };
}
