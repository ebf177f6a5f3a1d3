/**
 * The built Electron main process (out/main/index.js) run under Node with a stand-in for the
 * electron module (tests/support/fake-electron.cjs) and the real core host as its utilityProcess:
 * the window's security settings, the session lock-down, the IPC relay to the core with its
 * sender check, the key wrapped by safeStorage. What only a real Electron shows (the page, the
 * preload bridge, the CSP in effect) is tested by tests/e2e/electron where the binary exists.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'out', 'main', 'index.js');
const LOADER = path.join(ROOT, 'tests', 'support', 'fake-electron-loader.cjs');
const RENDERER_PAGE = `file://${path.join(ROOT, 'out', 'renderer', 'index.html')}`;

type Message = { type: string } & Record<string, unknown>;

let dir: string;
let child: ChildProcess;
const inbox: Message[] = [];
const waiting: { type: string; resolve: (m: Message) => void }[] = [];

function next(type: string): Promise<Message> {
  const index = inbox.findIndex((m) => m.type === type);
  if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as Message);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} from the main process`)), 30_000);
    waiting.push({
      type,
      resolve: (m) => {
        clearTimeout(timer);
        resolve(m);
      },
    });
  });
}

async function invoke(
  senderUrl: string,
  method: unknown,
  input: unknown = {},
  windowId = 1,
): Promise<unknown> {
  child.send({ type: 'invoke', senderUrl, method, input, windowId });
  return (await next('invoke-result')).envelope;
}

beforeAll(() => {
  dir = createTempDir('electron-main');
  child = fork(MAIN, [], {
    execArgv: ['--require', LOADER],
    env: { ...process.env, TRAINDESK_DATA_DIR: dir, TRAINDESK_DB_KEY: '' },
    stdio: 'pipe',
  });
  child.on('message', (message: Message) => {
    const w = waiting.findIndex((x) => x.type === message.type);
    if (w >= 0) waiting.splice(w, 1)[0]?.resolve(message);
    else inbox.push(message);
  });
});

afterAll(() => {
  child.kill();
  removeTempDir(dir);
});

describe('Electron main process (under Node, stand-in electron module)', () => {
  it('opens one locked-down window on the built page once the core is up', async () => {
    const window = await next('window');
    expect(window.options).toMatchObject({
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    const prefs = (window.options as { webPreferences: { preload: string } }).webPreferences;
    expect(prefs.preload.endsWith(path.join('preload', 'index.js'))).toBe(true);
    expect(
      (window.loaded as { file: string }).file.endsWith(path.join('renderer', 'index.html')),
    ).toBe(true);
  });

  it('wraps the database key with safeStorage, never storing it in the clear', () => {
    expect(fs.existsSync(path.join(dir, 'traindesk.key'))).toBe(false);
    const sealed = fs.readFileSync(path.join(dir, 'traindesk.key.enc')).toString();
    // The stand-in keychain marks what it sealed; the real one encrypts.
    expect(sealed.startsWith('wrapped:')).toBe(true);
  });

  it('keeps the login session of each window, out of the page', async () => {
    expect(await invoke(RENDERER_PAGE, 'system/info')).toMatchObject({
      ok: false,
      error: { code: 'SETUP_REQUIRED' },
    });
    // The first-run setup logs its administrator in, in this window only.
    const done = await invoke(RENDERER_PAGE, 'setup/complete', {
      unit: { create: { name: '测试市', kind: 'city' } },
      admin: { displayName: '管理员', userName: 'boss', password: 'boss-pass-1' },
    });
    expect(done).toMatchObject({ ok: true, data: { userName: 'boss' } });
    expect(JSON.stringify(done)).not.toMatch(/token|scrypt/);
    expect(await invoke(RENDERER_PAGE, 'system/info')).toMatchObject({
      ok: true,
      data: { keySource: 'safeStorage' },
    });
    expect(await invoke(RENDERER_PAGE, 'system/info', {}, 2)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('relays calls from its own page to the core and refuses every other sender', async () => {
    expect(await invoke(RENDERER_PAGE, 'system/info')).toMatchObject({
      ok: true,
      data: { keySource: 'safeStorage' },
    });
    expect(await invoke('https://evil.example/', 'system/info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke('file:///tmp/other.html', 'system/info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke(RENDERER_PAGE, 42)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await invoke(RENDERER_PAGE, 'no/such')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    // Refused before it is cloned on to the core host.
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i += 1) deep = [deep];
    expect(await invoke(RENDERER_PAGE, 'rules/validate', { ruleSet: deep })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('answers native file dialogs asked by the core', async () => {
    expect(
      await invoke(RENDERER_PAGE, 'system/pickOpenFile', {
        title: '选择花名册',
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      }),
    ).toMatchObject({ ok: true, data: { file: { fileName: '选中的文件.xlsx' } } });
  });

  it('blocks navigation away from its page, new windows, webviews and permission requests', async () => {
    child.send({ type: 'navigate', url: 'https://evil.example/' });
    expect((await next('navigate-result')).prevented).toBe(true);
    child.send({ type: 'navigate', url: RENDERER_PAGE });
    expect((await next('navigate-result')).prevented).toBe(false);
    child.send({ type: 'probe' });
    const probe = await next('probe-result');
    expect(probe).toMatchObject({
      permissionGranted: false,
      permissionCheck: false,
      windowOpen: { action: 'deny' },
      webviewPrevented: true,
      ipcChannels: ['api:call'],
    });
    expect(probe.menu).toEqual(['文件', '编辑', '视图', '帮助']);
  });
});
