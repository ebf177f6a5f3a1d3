/**
 * The transactional outbox: one row per change, written in the same transaction as the change by
 * the core's write wrapper, for the platform sync to send. `opId` is a UUIDv7: stable, time-ordered,
 * and the key that makes sending it twice harmless.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryColumn({ type: 'text', name: 'op_id' })
  opId: string;

  /** The contract method that made the change, e.g. 'org/create'. */
  @Column({ type: 'text', name: 'method' })
  method: string;

  @Column({ type: 'text', name: 'entity' })
  entity: string;

  @Column({ type: 'text', name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column({ type: 'text', name: 'actor' })
  actor: string;

  /** Canonical JSON of what changed (the audit entry's details). */
  @Column({ type: 'text', name: 'payload' })
  payload: string;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;
}
