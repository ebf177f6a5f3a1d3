/** Makes `require('electron')` resolve to fake-electron.cjs (see there). */
'use strict';

const Module = require('node:module');
const path = require('node:path');

const fake = path.join(__dirname, 'fake-electron.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === 'electron' ? fake : resolve.call(this, request, ...rest);
};
