/**
 * The HTTP wire: launch token, login sessions in cookies, envelope, unknown methods, SSE progress,
 * upload and one-time downloads.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BridgeHost,
  jsonDepth,
  MAX_JSON_DEPTH,
  startBridge,
  type RunningBridge,
} from '../../electron/bridge/http-bridge';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { openTestCore, type TestCore } from '../support/core-harness';

let t: TestCore;
let bridge: RunningBridge;
let base = '';
/** The browser tab's cookie jar: the session cookie the bridge set (empty when logged out). */
let cookie = '';
/** The harness's tester is not in the demo workspace: the demo's administrator is. */
const TESTER_LOGIN = { userName: 'admin', password: 'demo1234' };

beforeAll(async () => {
  const host = new BridgeHost();
  t = await openTestCore({ host, setup: { demo: 100 } });
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>师训通</title>');
  bridge = await startBridge({ core: t.core, port: 0, rendererDir }, host);
  base = `http://127.0.0.1:${bridge.port}`;
  // The tab logs in as the city's project office, as its user would on the login screen.
  const login = await rpc('auth/login', { userName: 'city', password: 'demo1234' });
  expect(((await login.json()) as { ok: boolean }).ok).toBe(true);
});

afterAll(async () => {
  await bridge.close();
  await t.close();
});

/** The session cookie a response sets ('' when it clears it; null when it says nothing). */
function setCookieOf(res: Response): string | null {
  const header = res.headers.get('set-cookie');
  if (!header) return null;
  const pair = header.split(';')[0] ?? '';
  return pair.endsWith('=') ? '' : pair;
}

async function rpc(
  method: string,
  body: unknown,
  token: string | null = bridge.token,
  jar: { cookie: string } | null = null,
): Promise<Response> {
  const sent = jar ? jar.cookie : cookie;
  const res = await fetch(`${base}/rpc/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(sent ? { Cookie: sent } : {}),
    },
    body: JSON.stringify(body),
  });
  const set = setCookieOf(res);
  if (set !== null) {
    if (jar) jar.cookie = set;
    else cookie = set;
  }
  return res;
}

async function envelope(res: Response | Promise<Response>): Promise<{
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}> {
  return (await (await res).json()) as {
    ok: boolean;
    data?: unknown;
    error?: { code: string; message: string };
  };
}

describe('HTTP bridge', () => {
  it('prints a URL with the token in the fragment', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await rpc('system/info', {}, null)).status).toBe(401);
    expect((await rpc('system/info', {}, 'wrong')).status).toBe(401);
    const body = (await (await rpc('system/info', {}, null)).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('returns the envelope of the dispatcher', async () => {
    const info = (await (await rpc('system/info', {})).json()) as {
      ok: boolean;
      data: { hasNativeDialogs: boolean };
    };
    expect(info).toMatchObject({ ok: true, data: { hasNativeDialogs: false, teacherCount: 100 } });
    const unknown = (await (await rpc('nothing/here', {})).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = (await (await rpc('org/create', { name: '' })).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: '/',
          headers: { Host: `evil.example:${bridge.port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('师训通');
  });

  it("streams a job's progress over SSE to its operator's streams only", async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/events?token=${bridge.token}`, {
      signal: controller.signal,
      headers: { Cookie: cookie },
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // Another tab, logged in as someone else, hears that data changed but not this job.
    const other = { cookie: '' };
    await rpc('auth/login', { userName: 'viewer', password: 'demo1234' }, bridge.token, other);
    const otherController = new AbortController();
    const otherRes = await fetch(`${base}/events?token=${bridge.token}`, {
      signal: otherController.signal,
      headers: { Cookie: other.cookie },
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const otherReader = (otherRes.body as ReadableStream<Uint8Array>).getReader();
    const exported = rpc('roster/export', { jobId: 'sse-job-1' });
    let text = '';
    while (!text.includes('event: job/progress')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('"jobId":"sse-job-1"');
    const done = await envelope(exported);
    expect(done.ok).toBe(true);
    // Downloaded, so the export does not stay in the data folder.
    const url = (done.data as { downloadUrl: string }).downloadUrl;
    expect((await fetch(`${base}${url}`, { headers: { Cookie: cookie } })).status).toBe(200);
    // A change the other tab does hear comes after the job: what it heard by then shows no progress.
    await rpc('auth/logout', {}, bridge.token, other);
    t.core.events.emit('data/changed', { scope: 'rules' });
    let otherText = '';
    while (!otherText.includes('"scope":"rules"')) {
      const chunk = await otherReader.read();
      if (chunk.done) break;
      otherText += new TextDecoder().decode(chunk.value);
    }
    expect(otherText).not.toContain('sse-job-1');
    controller.abort();
    otherController.abort();
  });

  it('numbers SSE events and replays what a reconnecting stream missed (Last-Event-ID)', async () => {
    // The progress of a job of this tab's operator (as if a job of theirs were running).
    const me = (await envelope(rpc('auth/state', {}))).data as { me: { id: string } };
    const owned = vi
      .spyOn(t.core, 'jobOwner')
      .mockImplementation((jobId) => (jobId === 'resume-job' ? me.me.id : undefined));
    const readUntil = async (
      reader: ReadableStreamDefaultReader<Uint8Array>,
      marker: string,
    ): Promise<string> => {
      let text = '';
      while (!text.includes(marker)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      return text;
    };
    const progress = (done: number): void =>
      t.core.events.emit('job/progress', {
        jobId: 'resume-job',
        phase: 'write',
        message: `第 ${done} 步`,
        done,
        total: 3,
      });
    const first = new AbortController();
    const res = await fetch(`${base}/events?token=${bridge.token}`, {
      signal: first.signal,
      headers: { Cookie: cookie },
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, 'retry:');
    progress(1);
    const seen = await readUntil(reader, '第 1 步');
    const lastId = /id: (\S+)\nevent: job\/progress\ndata: [^\n]*第 1 步/.exec(seen)?.[1];
    expect(lastId).toMatch(/^[0-9a-f]{8}\.\d+$/);
    first.abort();
    // While no stream is open, the job goes on.
    progress(2);
    progress(3);
    const again = await fetch(`${base}/events?token=${bridge.token}`, {
      headers: { 'Last-Event-ID': lastId ?? '', Cookie: cookie },
    });
    const againReader = (again.body as ReadableStream<Uint8Array>).getReader();
    const replayed = await readUntil(againReader, '第 3 步');
    expect(replayed).toContain('第 2 步');
    expect(replayed).not.toContain('第 1 步');
    const ids = [...replayed.matchAll(/id: \S+\.(\d+)/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => id > Number(lastId?.split('.')[1]))).toBe(true);
    await againReader.cancel();
    owned.mockRestore();
  });

  it('takes uploads and hands exports out once through a download URL, as handles, never paths', async () => {
    const filesDir = path.join(t.dir, 'files');
    const upload = await fetch(`${base}/upload?name=${encodeURIComponent('花名册.xlsx')}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, Cookie: cookie },
      body: Buffer.from('not really a workbook'),
    });
    const uploaded = (await upload.json()) as {
      ok: boolean;
      data: { handle: string; fileName: string; size: number };
    };
    expect(uploaded).toMatchObject({ ok: true, data: { fileName: '花名册.xlsx', size: 21 } });
    expect(JSON.stringify(uploaded)).not.toContain(t.dir);
    const badFile = (await (
      await rpc('roster/importPreview', { jobId: 'bad-file-1', file: uploaded.data.handle })
    ).json()) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(badFile).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    // The upload is used up with its job: gone from the disk, and its handle answers NOT_FOUND.
    expect(fs.readdirSync(filesDir)).toEqual([]);
    const again = (await (
      await rpc('roster/importPreview', { jobId: 'bad-file-2', file: uploaded.data.handle })
    ).json()) as { ok: boolean; error: { code: string } };
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A path is not a handle.
    const byPath = (await (
      await rpc('roster/importPreview', { jobId: 'bad-file-3', file: '/etc/passwd' })
    ).json()) as { ok: boolean; error: { code: string } };
    expect(byPath).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const exported = (await (await rpc('roster/export', { jobId: 'export-1' })).json()) as {
      ok: boolean;
      data: { downloadUrl: string; rows: number; savedTo: string | null };
    };
    expect(exported.ok).toBe(true);
    expect(exported.data.savedTo).toBeNull();
    expect(fs.readdirSync(filesDir).filter((f) => f.endsWith('.xlsx'))).toHaveLength(1);
    // The link is for this tab's operator: without the session it is refused (and not used up).
    expect((await fetch(`${base}${exported.data.downloadUrl}`)).status).toBe(401);
    const download = await fetch(`${base}${exported.data.downloadUrl}`, {
      headers: { Cookie: cookie },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await fetch(`${base}${exported.data.downloadUrl}`, { headers: { Cookie: cookie } })).status,
    ).toBe(404);
    // Downloaded once, the export (teachers' data) is gone from the data folder (right after the
    // last byte went out).
    await expect.poll(() => fs.readdirSync(filesDir)).toEqual([]);
  });

  it('leaves no roster file in the data folder after an import through an upload', async () => {
    const schools = (
      (await (await rpc('org/tree', {})).json()) as {
        data: { nodes: { kind: string; name: string }[] };
      }
    ).data.nodes.filter((n) => n.kind === 'school');
    const file = path.join(os.tmpdir(), `traindesk-upload-${process.pid}.xlsx`);
    await writeRosterWorkbook(file, makeRosterRows(20, 5, [schools[0]?.name ?? '']));
    const upload = await fetch(`${base}/upload?name=${encodeURIComponent('名单.xlsx')}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, Cookie: cookie },
      body: fs.readFileSync(file),
    });
    fs.rmSync(file);
    const { data } = (await upload.json()) as { data: { handle: string } };
    const preview = (await (
      await rpc('roster/importPreview', { jobId: 'upload-preview', file: data.handle })
    ).json()) as { ok: boolean; data: { importId: string; new: number } };
    expect(preview).toMatchObject({ ok: true, data: { new: 20 } });
    const committed = (await (
      await rpc('roster/importCommit', { jobId: 'upload-commit', importId: preview.data.importId })
    ).json()) as { ok: boolean };
    expect(committed.ok).toBe(true);
    const listing = fs.readdirSync(t.dir, { recursive: true }).map(String).sort();
    expect(listing.filter((f) => f.endsWith('.xlsx'))).toEqual([]);
    expect(listing.filter((f) => f.startsWith('files') && f !== 'files')).toEqual([]);
  });
});

describe('HTTP bridge: login sessions', () => {
  it('keeps the session in an HttpOnly, SameSite=Strict cookie named after its port, never in the body', async () => {
    const jar = { cookie: '' };
    const res = await rpc('auth/login', TESTER_LOGIN, bridge.token, jar);
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(new RegExp(`^traindesk_session_${bridge.port}=[\\w-]{40,};`));
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    const body = await res.text();
    expect(body).not.toContain(jar.cookie.split('=')[1] ?? 'never');
    expect(body).not.toMatch(/passwordHash|scrypt\$/);
    expect((await envelope(rpc('system/info', {}, bridge.token, jar))).ok).toBe(true);
  });

  it('answers UNAUTHENTICATED without a session, with a made-up one, or one planted before login (fixation)', async () => {
    const none = { cookie: '' };
    expect((await envelope(rpc('system/info', {}, bridge.token, none))).error?.code).toBe(
      'UNAUTHENTICATED',
    );
    const planted = `traindesk_session_${bridge.port}=${'a'.repeat(43)}`;
    const jar = { cookie: planted };
    expect((await envelope(rpc('system/info', {}, bridge.token, jar))).error?.code).toBe(
      'UNAUTHENTICATED',
    );
    await rpc('auth/login', TESTER_LOGIN, bridge.token, jar);
    expect(jar.cookie).not.toBe(planted);
    expect((await envelope(rpc('system/info', {}, bridge.token, jar))).ok).toBe(true);
    // The planted value stays worthless after the login.
    const replay = { cookie: planted };
    expect((await envelope(rpc('system/info', {}, bridge.token, replay))).error?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a session after logout, and a cookie of another port', async () => {
    const jar = { cookie: '' };
    await rpc('auth/login', TESTER_LOGIN, bridge.token, jar);
    const kept = jar.cookie;
    const value = kept.split('=')[1] ?? '';
    // The same token under another port's cookie name is not ours.
    const otherPort = { cookie: `traindesk_session_${bridge.port + 1}=${value}` };
    expect((await envelope(rpc('system/info', {}, bridge.token, otherPort))).error?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await envelope(rpc('auth/logout', {}, bridge.token, jar))).ok).toBe(true);
    expect(jar.cookie).toBe('');
    const old = { cookie: kept };
    expect((await envelope(rpc('system/info', {}, bridge.token, old))).error?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('ends the sessions of a disabled account at their next call', async () => {
    const officer = await t.operator('bridge-officer', ['school_officer'], t.rootId);
    const jar = { cookie: '' };
    await rpc(
      'auth/login',
      { userName: 'bridge-officer', password: officer.password },
      bridge.token,
      jar,
    );
    expect((await envelope(rpc('org/tree', {}, bridge.token, jar))).ok).toBe(true);
    await t.call('operators/update', { id: officer.id, isActive: false });
    expect((await envelope(rpc('org/tree', {}, bridge.token, jar))).error?.code).toBe(
      'UNAUTHENTICATED',
    );
    const again = await envelope(
      rpc('auth/login', { userName: 'bridge-officer', password: officer.password }, bridge.token, {
        cookie: '',
      }),
    );
    expect(again.error?.message).toContain('停用');
  });

  it('ignores an operator id forged into a request body', async () => {
    const jar = { cookie: '' };
    await rpc('auth/login', { userName: 'viewer', password: 'demo1234' }, bridge.token, jar);
    const admin = (await envelope(rpc('auth/state', {}))).data as { me: { id: string } };
    const forged = await envelope(
      rpc(
        'operators/list',
        { operatorId: admin.me.id, actor: 'admin', userName: 'admin' },
        bridge.token,
        jar,
      ),
    );
    expect(forged.error?.code).toBe('FORBIDDEN');
  });

  it('refuses uploads without a session', async () => {
    const res = await fetch(`${base}/upload?name=x.xlsx`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body: Buffer.from('PK'),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('HTTP bridge: malformed requests', () => {
  async function status(pathAndQuery: string, init: RequestInit = {}): Promise<number> {
    return (await fetch(`${base}${pathAndQuery}`, init)).status;
  }

  it('answers a malformed percent-escape with 400, on static files and on /rpc', async () => {
    expect(await status('/%E0%A4%A')).toBe(400);
    const res = await fetch(`${base}/rpc/system%E0%A4%A`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses JSON nested deeper than MAX_JSON_DEPTH with 400 before parsing it', async () => {
    const deep = `{"jobId":"deep-1","path":"x","extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await fetch(`${base}/rpc/roster/importPreview`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: deep,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain(String(MAX_JSON_DEPTH));
    // Brackets inside strings are text, not nesting.
    expect(jsonDepth(`{"a":"${'['.repeat(500)}"}`)).toBe(1);
    expect(jsonDepth('{"a":"\\"[[","b":[[1]]}')).toBe(3);
  });

  it('applies the Origin check to /upload as it does to /rpc', async () => {
    const uploads = path.join(t.dir, 'uploads');
    const count = (): number => (fs.existsSync(uploads) ? fs.readdirSync(uploads).length : 0);
    const before = count();
    const res = await fetch(`${base}/upload?name=foreign.xlsx`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, Origin: 'http://evil.example' },
      body: Buffer.from('PK'),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(count()).toBe(before);
  });
});
