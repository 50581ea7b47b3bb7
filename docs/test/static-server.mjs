// SPDX-License-Identifier: BSD-3-Clause
/**
 * A tiny static server for the built site (docs/.vitepress/dist). Two modes:
 *
 *   - default, as a host like GitHub Pages serves it: the site lives under `base`; `/x/` serves
 *     `x/index.html`; `/x` serves `x`, `x.html` (extensionless URLs) or `x/index.html`;
 *   - `plain: true`, as the plainest static host does (python -m http.server, nginx or Apache with
 *     no rewrite rule, an object store): a path is a file, `/x/` serves `x/index.html`, a directory
 *     without the slash is redirected to it (301), and nothing else is guessed — `/x` never serves
 *     `x.html`.
 *
 * Anything else is 404 with the site's 404.html. Only GET and HEAD.
 *
 *   node docs/test/static-server.mjs [port] [--plain]   preview the built site on http://localhost:<port><base>
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The site's base path (`/` or `/riuso-sociale/`), read from the built index.html: VitePress writes
 * every asset as `<base>assets/…`.
 * @param {string} dist
 */
export function detectBase(dist = DIST) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const m = /(?:href|src)="(\/[^"]*?)assets\//.exec(html);
  return m ? m[1] : '/';
}

/**
 * The file a URL path maps to, or `null`.
 * @param {string} dist
 * @param {string} base
 * @param {string} pathname decoded URL path
 * @param {boolean} [plain] no guessing: `/x` is the file `x` only (see the top of this file)
 */
export function fileFor(dist, base, pathname, plain = false) {
  if (!pathname.startsWith(base) && `${pathname}/` !== base) return null;
  const rel = pathname.slice(base.length);
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : plain ? [rel] : [rel, `${rel}.html`, `${rel}/index.html`];
  for (const c of candidates) {
    const file = normalize(join(dist, c));
    if (file !== dist && !file.startsWith(dist + sep)) return null; // no escape from dist
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/**
 * Starts the server on 127.0.0.1 (port 0 = any free port).
 * @param {{ dist?: string, base?: string, port?: number, plain?: boolean }} [options]
 * @returns {Promise<{ url: string, origin: string, base: string, close: () => Promise<void> }>}
 */
export function startServer({ dist = DIST, base = detectBase(dist), port = 0, plain = false } = {}) {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (plain && pathname.startsWith(base) && !pathname.endsWith('/')) {
      const dir = normalize(join(dist, pathname.slice(base.length)));
      if (dir.startsWith(dist + sep) && existsSync(dir) && statSync(dir).isDirectory()) {
        const url = new URL(req.url ?? '/', 'http://localhost');
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
    }
    const file = fileFor(dist, base, pathname, plain);
    const notFound = join(dist, '404.html');
    const target = file ?? (existsSync(notFound) ? notFound : null);
    const status = file ? 200 : 404;
    if (target === null) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(status, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'content-length': statSync(target).size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
      resolvePromise({
        origin,
        base,
        url: `${origin}${base}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`static-server: ${DIST} has no index.html: run \`npm run docs:build\` first`);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  const plain = args.includes('--plain');
  const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 4173);
  const { url } = await startServer({ port, plain });
  console.log(`static-server: serving ${DIST} on ${url}${plain ? ' (plain: no extensionless URLs)' : ''}`);
}
