/**
 * A write path for dispatcher tests without a database: runs the handler as the real one would
 * (with a stand-in transaction for writes), keeping nothing.
 */
import { type WritePath } from '../../electron/core/write-path';
import { type Tx } from '../../electron/db/database';

export function passthroughWritePath(): WritePath {
  const tx = { engine: 'sqlite', isWrite: true } as unknown as Tx;
  return {
    write: (_effect, _call, run) => run(tx, () => undefined),
    disclose: (_effect, _call, run) => run(() => undefined),
    read: (run) => run(),
  };
}
