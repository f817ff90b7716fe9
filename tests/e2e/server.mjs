// A real HTTP server for the built app (dist/), started by the end-to-end tests and the
// screenshot script. Run directly: `node tests/e2e/server.mjs [port]`.
import { createServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Starts serving dist/ on 127.0.0.1; resolves to { url, close }. `routes` maps a path
 *  to a handler (req, res) that replaces the file, for fault cases; `headers(path)` gives
 *  extra response headers for a file (a Content-Security-Policy, say). With `brotli`,
 *  files go brotli-compressed (-q 11, done before serving) to browsers that accept it, as a
 *  CDN serves them. */
export async function serveDist({ port = 0, routes = {}, headers = () => ({}), brotli = false } = {}) {
  const compressed = new Map();
  if (brotli) {
    const compress = promisify(brotliCompress);
    const files = await readdir(DIST, { recursive: true, withFileTypes: true });
    for (const entry of files.filter((e) => e.isFile())) {
      const file = join(entry.parentPath, entry.name);
      compressed.set(file, await compress(await readFile(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (routes[path]) return routes[path](req, res);
    const file = normalize(join(DIST, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers(path) };
      if (compressed.has(file) && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        res.writeHead(200, { ...type, 'content-encoding': 'br', vary: 'Accept-Encoding' });
        res.end(compressed.get(file));
      } else {
        res.writeHead(200, type);
        res.end(body);
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections(); // including responses a fault route never finishes
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveDist({ port: Number(process.argv[2] ?? 8081) });
  console.log(`serving dist/ at ${url}`);
}
