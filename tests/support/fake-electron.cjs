/**
 * A stand-in for the `electron` module, for running the built main process (out/main/index.js)
 * under Node in tests: it records what the main process asks of Electron (window options, session
 * handlers, IPC handlers, menu) and forks the real core host as its utilityProcess (with
 * utility-process-shim.cjs as parentPort). The test drives it over the fork's IPC channel:
 *   → { type: 'invoke', senderUrl, method, input, windowId? } ← { type: 'invoke-result', envelope }
 *   → { type: 'navigate', url }                          ← { type: 'navigate-result', prevented }
 *   → { type: 'probe' }                                  ← { type: 'probe-result', … }
 * and hears { type: 'window', options, loaded } once the window exists.
 */
'use strict';

const childProcess = require('node:child_process');
const path = require('node:path');
const { EventEmitter } = require('node:events');

const appEvents = new EventEmitter();
const handlers = new Map();
const state = {
  permissionRequest: null,
  permissionCheck: null,
  menu: null,
  webContents: [],
  sentToRenderer: [],
  errors: [],
};

function report(message) {
  process.send?.(message);
}

const app = {
  requestSingleInstanceLock: () => true,
  on: (event, listener) => appEvents.on(event, listener),
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.TRAINDESK_DATA_DIR,
  quit: () => process.exit(0),
  exit: (code) => process.exit(code),
};

let nextWebContentsId = 1;

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextWebContentsId++;
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    state.sentToRenderer.push({ channel, args });
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    state.webContents.push(this.webContents);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  loadFile(file) {
    report({ type: 'window', options: this.options, loaded: { file } });
    return Promise.resolve();
  }
  loadURL(url) {
    report({ type: 'window', options: this.options, loaded: { url } });
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

const utilityProcess = {
  fork(modulePath, args) {
    const shim = path.join(__dirname, 'utility-process-shim.cjs');
    const child = childProcess.fork(modulePath, args ?? [], { execArgv: ['--require', shim] });
    process.on('exit', () => child.kill());
    process.on('SIGTERM', () => process.exit(0));
    return {
      on: (event, listener) => child.on(event, listener),
      postMessage: (message) => child.send(message),
      kill: () => child.kill(),
    };
  },
};

const electron = {
  app,
  BrowserWindow,
  dialog: {
    showErrorBox: (title, message) => {
      state.errors.push({ title, message });
      report({ type: 'error-box', title, message });
    },
    showOpenDialog: () => Promise.resolve({ canceled: false, filePaths: ['/tmp/选中的文件.xlsx'] }),
    showSaveDialog: () => Promise.resolve({ canceled: true }),
  },
  ipcMain: { handle: (channel, handler) => handlers.set(channel, handler) },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) => {
      state.menu = menu;
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`wrapped:${Buffer.from(plain).toString('base64')}`),
    decryptString: (data) =>
      Buffer.from(data.toString().replace(/^wrapped:/, ''), 'base64').toString(),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler) => {
        state.permissionRequest = handler;
      },
      setPermissionCheckHandler: (handler) => {
        state.permissionCheck = handler;
      },
    },
  },
  utilityProcess,
};

process.on('message', async (message) => {
  if (message.type === 'invoke') {
    const handler = handlers.get('api:call');
    const envelope = await handler(
      { senderFrame: { url: message.senderUrl }, sender: { id: message.windowId ?? 1 } },
      message.method,
      message.input,
    );
    report({ type: 'invoke-result', envelope });
  } else if (message.type === 'navigate') {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    state.webContents[0]?.emit('will-navigate', event, message.url);
    report({ type: 'navigate-result', prevented });
  } else if (message.type === 'probe') {
    let permission = null;
    state.permissionRequest?.({}, 'media', (granted) => (permission = granted));
    const contents = state.webContents[0];
    let webviewPrevented = false;
    contents?.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    report({
      type: 'probe-result',
      permissionGranted: permission,
      permissionCheck: state.permissionCheck?.(),
      windowOpen: contents?.windowOpenHandler?.({ url: 'https://example.com' }),
      webviewPrevented,
      menu: (state.menu ?? []).map((m) => m.label),
      ipcChannels: [...handlers.keys()],
    });
  }
});

module.exports = electron;
