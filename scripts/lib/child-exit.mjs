// Runs the process that `npm start` hands over to (Electron or the local server) and turns the way
// it ended into npm start's own exit status. A child killed by a signal has no exit code; reading
// that as 0 made a server that segfaulted at start-up look like a clean exit, so anything but a
// clean exit, or the stop the user asked for (Ctrl+C), is reported in one line and fails.
import { spawn } from 'node:child_process';
import os from 'node:os';

/**
 * Start `command`, forward Ctrl+C / SIGTERM to it, and resolve with the status to exit with.
 * @param {string} command
 * @param {string[]} args
 * @param {{ name: string, env?: NodeJS.ProcessEnv, report?: (line: string) => void }} options
 *   name: what the child is, in Chinese, for the failure line
 * @returns {Promise<number>}
 */
export function runChild(command, args, options) {
  const report = options.report ?? ((line) => process.stderr.write(`${line}\n`));
  return new Promise((resolve) => {
    let isStopRequested = false;
    const child = spawn(command, args, { stdio: 'inherit', env: options.env ?? process.env });
    const stop = () => {
      isStopRequested = true;
      child.kill('SIGTERM');
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const done = (status) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(status);
    };
    child.on('error', (error) => {
      report(`${options.name}未能启动：${error.message} / could not start: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => {
      const outcome = childOutcome(code, signal, isStopRequested);
      if (outcome.message) report(`${options.name}${outcome.message}`);
      done(outcome.status);
    });
  });
}

/**
 * The exit status and the failure line (without the child's name) for how a child ended.
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 * @param {boolean} isStopRequested whether we asked it to stop (the user pressed Ctrl+C)
 * @returns {{ status: number, message: string | null }}
 */
export function childOutcome(code, signal, isStopRequested) {
  if (code === 0) return { status: 0, message: null };
  if (isStopRequested && (signal === 'SIGTERM' || signal === 'SIGINT')) {
    return { status: 0, message: null };
  }
  if (signal) {
    const number = os.constants.signals[signal] ?? 0;
    return {
      status: 128 + number,
      message: `意外终止（信号 ${signal}），程序没有在运行。请确认 Node.js 版本符合要求（见 README）后重试 / crashed (signal ${signal}); the app is not running`,
    };
  }
  return {
    status: code ?? 1,
    message: `以错误代码 ${code} 退出，程序没有在运行，原因见上方输出 / exited with code ${code}; the app is not running (see above)`,
  };
}
