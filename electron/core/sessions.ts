/**
 * Login sessions, in the memory of the process that serves the wire: a restart logs everyone
 * out, and a session token means nothing to another process or port. Tokens are 32 random bytes;
 * the store keeps only their SHA-256. A session ends on logout, after 12 hours, or when its
 * operator's credentials change (password reset or change, account disabled: the epoch moves);
 * it locks after the idle time and unlocks with the password.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_LIFETIME_MS = 12 * 3600_000;

export interface SessionRecord {
  key: string;
  operatorId: string;
  /** The operator's credentials epoch when the session began. */
  epoch: number;
  /** The API token the session was opened with (revoking it ends the session). */
  tokenId: string | null;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
  isLocked: boolean;
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(private readonly clock: () => number) {}

  begin(
    operatorId: string,
    epoch: number,
    tokenId: string | null = null,
  ): { token: string; record: SessionRecord } {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const record: SessionRecord = {
      key: keyOf(token),
      operatorId,
      epoch,
      tokenId,
      createdAt: now,
      lastActiveAt: now,
      expiresAt: now + SESSION_LIFETIME_MS,
      isLocked: false,
    };
    this.sessions.set(record.key, record);
    this.sweep(now);
    return { token, record };
  }

  /** The live session of a token; null when unknown or expired (an expired one is dropped). */
  find(token: string | null | undefined): SessionRecord | null {
    if (!token || token.length > 200) return null;
    const record = this.sessions.get(keyOf(token));
    if (!record) return null;
    if (record.expiresAt <= this.clock()) {
      this.sessions.delete(record.key);
      return null;
    }
    return record;
  }

  /** Locks the session when it has been idle longer than `idleMs`; true when it is locked. */
  lockIfIdle(record: SessionRecord, idleMs: number): boolean {
    if (!record.isLocked && this.clock() - record.lastActiveAt > idleMs) record.isLocked = true;
    return record.isLocked;
  }

  touch(record: SessionRecord): void {
    record.lastActiveAt = this.clock();
  }

  lock(record: SessionRecord): void {
    record.isLocked = true;
  }

  unlock(record: SessionRecord): void {
    record.isLocked = false;
    record.lastActiveAt = this.clock();
  }

  end(record: SessionRecord): void {
    this.sessions.delete(record.key);
  }

  /** Ends every session of an operator (in this process). */
  endAllOf(operatorId: string): void {
    for (const [key, record] of this.sessions) {
      if (record.operatorId === operatorId) this.sessions.delete(key);
    }
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(now: number): void {
    for (const [key, record] of this.sessions)
      if (record.expiresAt <= now) this.sessions.delete(key);
  }
}
