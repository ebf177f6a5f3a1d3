/**
 * The client's idle lock: any mouse, key, wheel, touch or scroll activity counts; after the idle
 * time without any, `onIdle` runs (the gate locks the session). Activity is shared with the other
 * tabs of the app (they share one session in a browser), so a tab left open in the background does
 * not lock the one being worked in. While there is activity, `onHeartbeat` runs about once a
 * minute, so the gate notices a lock or a logout decided elsewhere without waiting for a refusal.
 */
import { useEffect, useRef } from 'react';
import { idleRemainingMs } from './gate-model';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'];
const HEARTBEAT_MS = 60_000;
const SHARE_EVERY_MS = 5_000;
const SHARED_KEY = 'traindesk.lastActivity';

interface IdleLockOptions {
  minutes: number;
  isEnabled: boolean;
  onIdle: () => void;
  onHeartbeat: () => void;
}

export function useIdleLock({ minutes, isEnabled, onIdle, onHeartbeat }: IdleLockOptions): void {
  const onIdleRef = useRef(onIdle);
  const onHeartbeatRef = useRef(onHeartbeat);
  useEffect(() => {
    onIdleRef.current = onIdle;
    onHeartbeatRef.current = onHeartbeat;
  }, [onIdle, onHeartbeat]);

  useEffect(() => {
    if (!isEnabled) return undefined;
    const limitMs = minutes * 60_000;
    let last = Date.now();
    let lastShared = 0;
    let lastBeat = last;
    let timer = 0;

    const schedule = (): void => {
      const remaining = idleRemainingMs(last, Date.now(), limitMs);
      timer = window.setTimeout(check, Math.max(250, Math.min(remaining, HEARTBEAT_MS)));
    };
    const check = (): void => {
      const now = Date.now();
      if (idleRemainingMs(last, now, limitMs) === 0) {
        onIdleRef.current();
        return;
      }
      if (last > lastBeat && now - lastBeat >= HEARTBEAT_MS) {
        lastBeat = now;
        onHeartbeatRef.current();
      }
      schedule();
    };
    const onActivity = (): void => {
      last = Date.now();
      if (last - lastShared >= SHARE_EVERY_MS) {
        lastShared = last;
        try {
          localStorage.setItem(SHARED_KEY, String(last));
        } catch {
          // No storage: each tab keeps its own time.
        }
      }
    };
    const onShared = (event: StorageEvent): void => {
      if (event.key !== SHARED_KEY || !event.newValue) return;
      const at = Number(event.newValue);
      if (Number.isFinite(at) && at > last && at <= Date.now()) last = at;
    };

    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    }
    window.addEventListener('storage', onShared);
    schedule();
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
      window.removeEventListener('storage', onShared);
    };
  }, [minutes, isEnabled]);
}
