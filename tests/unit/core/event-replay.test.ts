import { describe, expect, it } from 'vitest';
import { EventReplay } from '../../../electron/bridge/event-replay';

describe('EventReplay', () => {
  it('numbers frames and replays those after an id of this server', () => {
    const replay = new EventReplay(3);
    const a = replay.add('job/progress', '{"done":1}');
    const b = replay.add('job/progress', '{"done":2}');
    replay.add('data/changed', '{"scope":"roster"}');
    expect(a.text).toBe(`id: ${a.id}\nevent: job/progress\ndata: {"done":1}\n\n`);
    expect(replay.since(a.id)).toHaveLength(2);
    expect(replay.since(b.id).map((f) => f.text)).toEqual([
      expect.stringContaining('data/changed'),
    ]);
  });

  it('keeps only the newest frames, and replays nothing for foreign, bad or missing ids', () => {
    const replay = new EventReplay(2);
    const first = replay.add('e', '1');
    replay.add('e', '2');
    replay.add('e', '3');
    expect(replay.since(first.id)).toHaveLength(2);
    expect(replay.since('deadbeef.1')).toEqual([]);
    expect(replay.since(`${first.id.split('.')[0]}.x`)).toEqual([]);
    expect(replay.since(null)).toEqual([]);
  });
});
