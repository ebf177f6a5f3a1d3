/**
 * A row of the append-only, hash-chained audit log. Write it only through `appendAudit` (which
 * computes the chain); the schema's triggers refuse UPDATE and DELETE.
 */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'integer', name: 'seq' })
  seq: number;

  @Column({ type: 'text', name: 'at' })
  at: string;

  @Column({ type: 'text', name: 'actor' })
  actor: string;

  /** The operator's id (null before operators existed, and for log-ins by unknown names). */
  @Column({ type: 'text', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'action' })
  action: string;

  @Column({ type: 'text', name: 'entity' })
  entity: string;

  @Column({ type: 'text', name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column({ type: 'text', name: 'summary' })
  summary: string;

  /** Canonical JSON text. */
  @Column({ type: 'text', name: 'details', nullable: true })
  details: string | null;

  @Column({ type: 'text', name: 'prev_hash' })
  prevHash: string;

  @Column({ type: 'text', name: 'hash' })
  hash: string;
}
