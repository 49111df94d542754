/**
 * `moth web`: serves the web face (the static site `npm run build` writes to dist/web/) on this computer only
 * (127.0.0.1) and prints its address. The page needs no server beyond this: it sends nothing back.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { packagePath } from '../package-root.js';
import type { CliStreams } from '../streams.js';

const HOST = '127.0.0.1';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebCommandOptions {
  /** main.ts's default is 6502, of course; 0 asks the system for any free port. */
  readonly port: number;
}

/** The folder of the built site, or a UserError saying how to build it. */
export function siteFolder(): string {
  const folder = packagePath('dist/web/');
  if (folder === undefined || !isFile(join(folder, 'index.html'))) {
    throw new UserError('the web face is not built yet: run `npm run build` first (it writes dist/web/)');
  }
  return folder;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Starts the server; resolves once it listens, with the server and its address. */
export function serveSite(folder: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').replace(/[?#].*$/, ''));
    const name = path === '/' ? 'index.html' : path.slice(1);
    // Only the files of the site's own folder, by plain name: no subfolders, no `..`.
    const extension = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    const type = TYPES[extension];
    const file = join(folder, name);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.') || type === undefined || !isFile(file)) {
      response.writeHead(404, { 'Content-Type': TYPES['.txt']! }).end('not found\n');
      return;
    }
    const body = readFileSync(file);
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UserError(`port ${port} is already in use: try \`moth web --port ${port + 1}\` (or --port 0 for any free port)`)
          : new UserError(`cannot serve on ${HOST}:${port}: ${error.message}`),
      );
    });
    server.listen(port, HOST, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      resolve({ server, url: `http://${HOST}:${actual}/` });
    });
  });
}

/** Serves until Ctrl-C (or SIGTERM), then closes the server and resolves with exit code 0. */
export async function webCommand(options: WebCommandOptions, streams: CliStreams): Promise<number> {
  const folder = siteFolder();
  const { server, url } = await serveSite(folder, options.port);
  streams.stdout.write(`moth in the browser: ${url}\n(only this computer can open it; Ctrl-C stops the server)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
