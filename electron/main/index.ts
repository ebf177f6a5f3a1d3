/**
 * Electron main process: one locked-down window, the IPC wire to the core host, native dialogs and
 * the menu. The core itself runs in a utilityProcess (core-host.ts); this process only relays.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  safeStorage,
  session,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { fail, type Envelope } from '@shared/api/envelope';
import { resolveWrappedDbKey } from '../db/db-key';
import { type HostToMain, type MainToHost } from './core-host-protocol';
import { exceedsDepth, MAX_PAYLOAD_DEPTH } from '../core/payload-depth';

let mainWindow: BrowserWindow | null = null;
let coreHost: UtilityProcess | null = null;
let nextCallId = 1;
const pendingCalls = new Map<
  number,
  (envelope: Envelope<unknown>, session: string | null | undefined) => void
>();
/**
 * The logged-in operator's session of each window (by webContents id): the Electron wire carries
 * it with the window's calls; the page itself never sees the token.
 */
const windowSessions = new Map<number, string>();

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(__dirname, '../renderer/index.html');

function isTrustedSender(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false;
  if (rendererUrl && frameUrl.startsWith(rendererUrl)) return true;
  return (
    frameUrl.startsWith('file://') &&
    decodeURIComponent(new URL(frameUrl).pathname).endsWith('/renderer/index.html')
  );
}

function send(message: MainToHost): void {
  coreHost?.postMessage(message);
}

function startCoreHost(dataDir: string): Promise<void> {
  const { key, source, warning } = resolveWrappedDbKey({
    dataDir,
    wrapper: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (data) => safeStorage.decryptString(data),
    },
  });
  if (warning) console.warn(`[traindesk] ${warning}`);
  coreHost = utilityProcess.fork(path.join(__dirname, 'core-host.js'), [], {
    serviceName: 'TrainDesk core',
  });
  return new Promise((resolve, reject) => {
    coreHost?.on('message', (message: HostToMain) => {
      switch (message.type) {
        case 'ready':
          resolve();
          return;
        case 'init-error':
          reject(new Error(message.message));
          return;
        case 'result':
          pendingCalls.get(message.id)?.(message.envelope, message.session);
          pendingCalls.delete(message.id);
          return;
        case 'event':
          mainWindow?.webContents.send('api:event', message.event, message.payload);
          return;
        case 'host-request':
          void answerHostRequest(message);
          return;
      }
    });
    coreHost?.on('exit', (code) => {
      for (const resolveCall of pendingCalls.values())
        resolveCall(
          fail('INTERNAL', `后台进程意外退出（代码 ${code}），请重新启动程序`),
          undefined,
        );
      pendingCalls.clear();
    });
    send({ type: 'init', dataDir, key, keySource: source });
  });
}

async function answerHostRequest(
  message: Extract<HostToMain, { type: 'host-request' }>,
): Promise<void> {
  const owner = mainWindow ?? undefined;
  let chosen: string | null = null;
  if (message.op === 'pickOpenFile') {
    const options = {
      title: message.title,
      filters: message.filters,
      properties: ['openFile' as const],
    };
    const result = owner
      ? await dialog.showOpenDialog(owner, options)
      : await dialog.showOpenDialog(options);
    chosen = result.canceled ? null : (result.filePaths[0] ?? null);
  } else {
    const options = {
      title: message.title,
      defaultPath: message.defaultName,
      filters: message.filters,
    };
    const result = owner
      ? await dialog.showSaveDialog(owner, options)
      : await dialog.showSaveDialog(options);
    chosen = result.canceled ? null : (result.filePath ?? null);
  }
  send({ type: 'host-reply', id: message.id, path: chosen });
}

function menuCommand(command: 'roster-import' | 'roster-export' | 'about'): void {
  mainWindow?.webContents.send('api:event', 'app/menu', { command });
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: '文件',
        submenu: [
          {
            label: '导入花名册…',
            accelerator: 'CmdOrCtrl+I',
            click: () => menuCommand('roster-import'),
          },
          {
            label: '导出花名册…',
            accelerator: 'CmdOrCtrl+E',
            click: () => menuCommand('roster-export'),
          },
          { type: 'separator' },
          { label: '退出', role: 'quit' },
        ],
      },
      {
        label: '编辑',
        submenu: [
          { role: 'copy', label: '复制' },
          { role: 'paste', label: '粘贴' },
          { role: 'selectAll', label: '全选' },
        ],
      },
      {
        label: '视图',
        submenu: [
          { role: 'reload', label: '刷新' },
          { role: 'togglefullscreen', label: '全屏' },
          { role: 'resetZoom', label: '实际大小' },
          { role: 'zoomIn', label: '放大' },
          { role: 'zoomOut', label: '缩小' },
        ],
      },
      {
        label: '帮助',
        submenu: [{ label: '关于师训通', click: () => menuCommand('about') }],
      },
    ]),
  );
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '师训通 TrainDesk',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // A closed window's login goes with it.
  const windowId = mainWindow.webContents.id;
  mainWindow.on('closed', () => {
    windowSessions.delete(windowId);
    mainWindow = null;
  });
  if (rendererUrl) void mainWindow.loadURL(rendererUrl);
  else void mainWindow.loadFile(rendererFile);
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedSender(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  ipcMain.handle('api:call', (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url))
      return fail('FORBIDDEN', '拒绝来自未知页面的调用');
    if (typeof method !== 'string') return fail('INVALID_INPUT', '接口方法名必须是字符串');
    // Cloning a deeply nested value on to the core host would overflow the stack: refuse it here.
    if (exceedsDepth(input)) {
      return fail('INVALID_INPUT', `请求内容的嵌套层数超过 ${MAX_PAYLOAD_DEPTH} 层`);
    }
    const id = nextCallId;
    nextCallId += 1;
    const windowId = event.sender.id;
    return new Promise<Envelope<unknown>>((resolve) => {
      pendingCalls.set(id, (envelope, session) => {
        if (session === null) windowSessions.delete(windowId);
        else if (session !== undefined) windowSessions.set(windowId, session);
        resolve(envelope);
      });
      send({ type: 'call', id, method, input, session: windowSessions.get(windowId) ?? null });
    });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    coreHost?.kill();
    app.quit();
  });
  void app.whenReady().then(async () => {
    lockDown();
    buildMenu();
    try {
      await startCoreHost(process.env.TRAINDESK_DATA_DIR ?? app.getPath('userData'));
    } catch (error) {
      dialog.showErrorBox('师训通无法启动', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    createWindow();
  });
}
