/**
 * The HTTP wire: the same core and the same built renderer, served on 127.0.0.1 to a browser.
 * It is how the app runs where no Electron runtime can be had, and how the E2E tests drive the UI.
 * Every call goes through the one dispatcher; this file only moves bytes, checks the launch token
 * and keeps each tab's login session in a cookie.
 *
 * Sessions: the launch token guards the port; after it, each tab logs in as an operator. The
 * session token the core returns travels only in an HttpOnly, SameSite=Strict cookie named after
 * this port (`traindesk_session_<port>`: cookies do not tell ports apart, so a session of another
 * TrainDesk on this machine is never sent as ours, and its token would mean nothing here anyway:
 * sessions live in this process's memory). A login always gets a fresh token, whatever cookie came
 * with it (no session fixation); logout clears the cookie.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HTTP_ROUTES } from '@shared/api/bridge';
import { fail, ok } from '@shared/api/envelope';
import { type AppCore, PUBLIC_JOB_OWNER } from '../core/app-core';
import { type HostPort } from '../core/host-port';
import { type FileRef, type ResolvedFile } from '../core/file-handles';
import { MAX_PAYLOAD_DEPTH } from '../core/payload-depth';
import { EventReplay } from './event-replay';

export interface BridgeOptions {
  core: AppCore;
  /** Directory of the built renderer (index.html and assets). */
  rendererDir: string;
  port: number;
  token?: string;
  maxUploadBytes?: number;
}

export interface RunningBridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 5 * 1024 * 1024;
/** Deepest nesting of arrays and objects a call may carry (payload-depth.ts says why). */
export const MAX_JSON_DEPTH = MAX_PAYLOAD_DEPTH;
const DOWNLOAD_TTL_MS = 15 * 60_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd writes its CSS-in-JS into <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The bridge's host port: no native dialogs; files reach the browser through one-time download URLs. */
export class BridgeHost implements HostPort {
  readonly hasNativeDialogs = false;
  private readonly downloads = new Map<string, { handle: string; expires: number }>();

  pickOpenFile(): Promise<string | null> {
    return Promise.resolve(null);
  }

  pickSaveFile(): Promise<string | null> {
    return Promise.resolve(null);
  }

  downloadUrlFor(file: FileRef): string {
    const now = Date.now();
    for (const [id, entry] of this.downloads) if (entry.expires < now) this.downloads.delete(id);
    const id = crypto.randomBytes(18).toString('base64url');
    this.downloads.set(id, { handle: file.handle, expires: now + DOWNLOAD_TTL_MS });
    return `${HTTP_ROUTES.download}?id=${id}`;
  }

  /** The file handle behind a one-time download id (used up by asking). */
  takeDownload(id: string): string | null {
    const entry = this.downloads.get(id);
    this.downloads.delete(id);
    if (!entry || entry.expires < Date.now()) return null;
    return entry.handle;
  }
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * The deepest nesting of arrays and objects in JSON text, in one pass: brackets inside strings
 * (with their escapes) do not count. Linear whatever the text, so it can run before JSON.parse.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return deepest;
}

class BadBody extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new BadBody('请求内容超过 5 MB');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new BadBody(`请求内容的嵌套层数超过 ${MAX_JSON_DEPTH} 层`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadBody('请求内容不是有效的 JSON');
  }
}

/** A percent-decoded URL path, or null when its escapes are malformed (%E0%A4%A). */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The value of one cookie of a request, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function sessionCookieName(port: number): string {
  return `traindesk_session_${port}`;
}

function sessionCookie(port: number, token: string | null): string {
  const base = `${sessionCookieName(port)}=${token ?? ''}; Path=/; HttpOnly; SameSite=Strict`;
  return token ? base : `${base}; Max-Age=0`;
}

/** True when a browser page on another site sent the request (it names itself in Origin). */
function isForeignOrigin(origin: string | undefined, port: number): boolean {
  return (
    origin !== undefined &&
    origin !== `http://127.0.0.1:${port}` &&
    origin !== `http://localhost:${port}`
  );
}

export async function startBridge(
  options: BridgeOptions,
  host: BridgeHost,
): Promise<RunningBridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const maxUpload = options.maxUploadBytes ?? 200 * 1024 * 1024;
  const { core } = options;
  /** Open event streams, with the session they were opened with. */
  const sseClients = new Map<http.ServerResponse, string | null>();
  let port = options.port;

  /**
   * Job progress goes to the streams of the operator who started the job; changes of data (which
   * carry only the name of the part that changed) to every stream.
   */
  const mayReceive = (session: string | null, event: string, payload: unknown): boolean => {
    if (event !== 'job/progress') return true;
    const jobId = (payload as { jobId?: unknown }).jobId;
    const owner = typeof jobId === 'string' ? core.jobOwner(jobId) : undefined;
    if (owner === PUBLIC_JOB_OWNER) return true;
    return owner !== undefined && owner === core.sessionOperator(session);
  };
  const replay = new EventReplay();
  const unsubscribe = core.events.onAny((event, payload) => {
    const frame = replay.add(event, JSON.stringify(payload), payload);
    for (const [client, session] of sseClients) {
      if (mayReceive(session, event, payload)) client.write(frame.text);
    }
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients.keys()) client.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const isLocalHost = (hostHeader: string | undefined): boolean =>
    hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Refuse DNS-rebinding: only requests addressed to the loopback host are served.
    if (!isLocalHost(req.headers.host)) {
      sendJson(res, 403, fail('FORBIDDEN', '只接受来自本机地址的请求'));
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      sendJson(res, 400, fail('INVALID_INPUT', '请求地址格式不正确'));
      return;
    }
    const bearer = req.headers.authorization?.startsWith('Bearer ')
      ? req.headers.authorization.slice(7)
      : null;

    if (req.method === 'POST' && url.pathname.startsWith(HTTP_ROUTES.rpcPrefix)) {
      if (!sameToken(bearer, token)) {
        sendJson(res, 401, fail('UNAUTHORIZED', '缺少或错误的访问令牌'));
        return;
      }
      if (isForeignOrigin(req.headers.origin, port)) {
        sendJson(res, 403, fail('FORBIDDEN', '不接受其他网页发来的请求'));
        return;
      }
      const method = decodePath(url.pathname.slice(HTTP_ROUTES.rpcPrefix.length));
      if (method === null) {
        sendJson(res, 400, fail('INVALID_INPUT', '请求地址中的转义字符（%）格式不正确'));
        req.resume();
        return;
      }
      let input: unknown;
      try {
        input = await readJsonBody(req);
      } catch (error) {
        const text = error instanceof BadBody ? error.text : '请求内容无法读取';
        sendJson(res, 400, fail('INVALID_INPUT', text));
        return;
      }
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const envelope = await core.dispatch(method, input, {
        session: cookieValue(req.headers.cookie, sessionCookieName(port)),
        signal: controller.signal,
        onSession: (next) => {
          if (!res.headersSent) res.setHeader('Set-Cookie', sessionCookie(port, next));
        },
      });
      if (!res.destroyed) sendJson(res, 200, envelope);
      return;
    }

    if (req.method === 'GET' && url.pathname === HTTP_ROUTES.events) {
      if (!sameToken(url.searchParams.get('token') ?? bearer, token)) {
        sendJson(res, 401, fail('UNAUTHORIZED', '缺少或错误的访问令牌'));
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      const session = cookieValue(req.headers.cookie, sessionCookieName(port));
      // A reconnecting EventSource names the last event it saw: send what it missed first.
      const lastEventId = req.headers['last-event-id'];
      for (const missed of replay.since(typeof lastEventId === 'string' ? lastEventId : null)) {
        if (mayReceive(session, missed.event, missed.payload)) res.write(missed.text);
      }
      sseClients.set(res, session);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (req.method === 'POST' && url.pathname === HTTP_ROUTES.upload) {
      if (!sameToken(bearer, token)) {
        sendJson(res, 401, fail('UNAUTHORIZED', '缺少或错误的访问令牌'));
        return;
      }
      // The same guard as /rpc: a page on another site must not drop files into the data folder.
      if (isForeignOrigin(req.headers.origin, port)) {
        sendJson(res, 403, fail('FORBIDDEN', '不接受其他网页发来的请求'));
        req.resume();
        return;
      }
      // Files come from logged-in operators only.
      if (!core.sessionOperator(cookieValue(req.headers.cookie, sessionCookieName(port)))) {
        sendJson(res, 401, fail('UNAUTHENTICATED', '请先登录'));
        req.resume();
        return;
      }
      const fileName = url.searchParams.get('name') ?? 'upload.xlsx';
      const declared = Number(req.headers['content-length'] ?? '0');
      if (declared > maxUpload) {
        sendJson(
          res,
          413,
          fail('BAD_FILE', `文件太大（超过 ${Math.round(maxUpload / 1024 / 1024)} MB），无法上传`),
        );
        req.resume();
        return;
      }
      const target = core.files.createOwned(fileName, 'in');
      let size = 0;
      try {
        await pipeline(
          req,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (size > maxUpload) throw new Error('TOO_LARGE');
              yield chunk;
            }
          },
          fs.createWriteStream(target.path, { mode: 0o600 }),
        );
      } catch {
        core.files.release(target.handle);
        sendJson(res, 413, fail('BAD_FILE', '上传失败：文件太大或传输中断，请重试'));
        return;
      }
      sendJson(res, 200, ok({ handle: target.handle, fileName: target.fileName, size }));
      return;
    }

    if (req.method === 'GET' && url.pathname === HTTP_ROUTES.download) {
      // Exports hold teachers' data: the link works for a logged-in tab only (and is not used up
      // by a request without one).
      if (!core.sessionOperator(cookieValue(req.headers.cookie, sessionCookieName(port)))) {
        sendJson(res, 401, fail('UNAUTHENTICATED', '请先登录，再下载导出的文件'));
        return;
      }
      const handle = host.takeDownload(url.searchParams.get('id') ?? '');
      let file: ResolvedFile | null = null;
      try {
        file = handle ? core.files.resolve(handle, 'out') : null;
      } catch {
        file = null;
      }
      if (!file || !fs.existsSync(file.path)) {
        sendJson(res, 404, fail('NOT_FOUND', '下载链接已失效，请重新导出'));
        return;
      }
      const downloaded = file;
      res.writeHead(200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Length': fs.statSync(downloaded.path).size,
        'Content-Disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(downloaded.fileName)}`,
        'Cache-Control': 'no-store',
      });
      try {
        await pipeline(fs.createReadStream(downloaded.path), res);
      } finally {
        // One download: the file holds teachers' data and goes once it has been handed out.
        core.files.release(downloaded.handle);
      }
      return;
    }

    if (req.method === 'GET' || req.method === 'HEAD') {
      const pathname = decodePath(url.pathname);
      if (pathname === null) {
        sendJson(res, 400, fail('INVALID_INPUT', '请求地址中的转义字符（%）格式不正确'));
        return;
      }
      serveStatic(options.rendererDir, pathname, res);
      return;
    }
    sendJson(res, 405, fail('INVALID_INPUT', '不支持的请求方法'));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[bridge] request failed:', error);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', '程序内部错误'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const client of sseClients.keys()) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves a file of the built renderer; `pathname` is already percent-decoded. */
function serveStatic(rootDir: string, pathname: string, res: http.ServerResponse): void {
  const relative = pathname === '/' ? '/index.html' : pathname;
  const resolved = path.resolve(rootDir, `.${relative}`);
  const root = path.resolve(rootDir);
  const isInside = resolved === root || resolved.startsWith(root + path.sep);
  const file =
    isInside && fs.existsSync(resolved) && fs.statSync(resolved).isFile()
      ? resolved
      : path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('界面尚未构建：请先运行 npm run build');
    return;
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  fs.createReadStream(file).pipe(res);
}
