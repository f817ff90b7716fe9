// A real HTTP server for the built app (dist/), started by the end-to-end tests, the
// screenshot script and the benchmarks. Run directly: `node tests/e2e/server.mjs [port]`.
import { createServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { slowLink } from './slow-link.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
};

const compress = promisify(brotliCompress);
const brotli11 = (bytes) => compress(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });

/** Starts serving dist/ on 127.0.0.1; resolves to { url, close, bytesSent, precompress }.
 *  `routes` maps a path to a handler (req, res) that replaces the file, for fault cases;
 *  `headers(path)` gives extra response headers for a file (a Content-Security-Policy, say).
 *  `mounts` maps a URL prefix ending in "/" to another directory served the same way, e.g.
 *  { '/pack/': '/abs/dir' }.
 *  With `brotli`, files go brotli-compressed (-q 11) to browsers that accept it, as a CDN
 *  serves them: dist/ compressed before serving, mounted directories (which can hold many
 *  thousands of files) on a file's first request, or when `precompress(path)` asks.
 *  With `shape: { rttMs, bitsPerSecond }`, the server acts as a slow mobile network: each
 *  response starts rttMs after its request arrived, and every byte of every response goes
 *  through one link of bitsPerSecond that concurrent responses share; `bytesSent(at)` counts
 *  what that link carried by the time `at` (ms since the epoch), or by now. */
export async function serveDist({
  port = 0,
  routes = {},
  headers = () => ({}),
  brotli = false,
  mounts = {},
  shape = null,
} = {}) {
  const compressed = brotli ? await compressDist() : new Map();
  const compressedBody = (file, body) => {
    if (!compressed.has(file)) compressed.set(file, brotli11(body));
    return compressed.get(file);
  };
  const link = shape && slowLink(shape.bitsPerSecond);
  const server = createServer(async (req, res) => {
    if (shape) await sleep(shape.rttMs);
    const path = new URL(req.url, 'http://localhost').pathname;
    if (routes[path]) return routes[path](req, res);
    const file = resolveFile(path, mounts);
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers(path) };
      if (brotli && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        res.writeHead(200, { ...type, 'content-encoding': 'br', vary: 'Accept-Encoding' });
        res.end(await compressedBody(file, body));
      } else {
        res.writeHead(200, type);
        res.end(body);
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    }
  });
  if (link) server.on('connection', link.attach);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    bytesSent: (at) => link?.bytesSent(at) ?? 0,
    /** Compresses a served file now, so that its first request does not wait for it. */
    precompress: async (path) => {
      const file = resolveFile(path, mounts);
      if (brotli && file) await compressedBody(file, await readFile(file));
    },
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections(); // including responses a fault route never finishes
      }),
  };
}

/** Every file of dist/, brotli-compressed: file path → promise of its bytes. */
async function compressDist() {
  const compressed = new Map();
  const files = await readdir(DIST, { recursive: true, withFileTypes: true });
  for (const entry of files.filter((e) => e.isFile())) {
    const file = join(entry.parentPath, entry.name);
    compressed.set(file, Promise.resolve(await brotli11(await readFile(file))));
  }
  return compressed;
}

/** The file a URL path names, in a mounted directory or dist/; null if it would leave it. */
function resolveFile(path, mounts) {
  const [prefix, dir] = Object.entries(mounts).find(([prefix]) => path.startsWith(prefix)) ?? ['/', DIST];
  const root = dir.endsWith('/') ? dir : `${dir}/`;
  const rest = path === '/' && root === DIST ? 'index.html' : decodeURIComponent(path.slice(prefix.length));
  const file = normalize(join(root, rest));
  return file.startsWith(root) ? file : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveDist({ port: Number(process.argv[2] ?? 8081) });
  console.log(`serving dist/ at ${url}`);
}
