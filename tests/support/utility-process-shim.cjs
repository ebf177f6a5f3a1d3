/**
 * Stands in for Electron's utilityProcess in a forked Node process: `process.parentPort` as
 * Electron defines it (on('message', ({ data }) => …), postMessage), carried over the fork's IPC
 * channel. Lets tests run the built core host (out/main/core-host.js) without Electron.
 */
'use strict';

process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    process.send?.(message);
  },
};

// A utilityProcess ends with its parent; so does this stand-in.
process.on('disconnect', () => process.exit(0));
