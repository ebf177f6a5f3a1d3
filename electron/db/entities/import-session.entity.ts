/**
 * One import of a workbook: previewed first, then committed or discarded. `summary` is JSON with
 * the preview counts, so the wizard can be resumed after a restart.
 */
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { IMPORT_KINDS, IMPORT_STATUSES, oneOf } from '../../../migrations/schema-helpers';

@Entity({ name: 'import_session' })
@Check('ck_import_session_kind', oneOf('kind', IMPORT_KINDS))
@Check('ck_import_session_status', oneOf('status', IMPORT_STATUSES))
export class ImportSessionEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'kind' })
  kind: 'teacher' | 'org';

  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  @Column({ type: 'text', name: 'status' })
  status: 'previewed' | 'committed' | 'discarded';

  @Column({ type: 'text', name: 'summary' })
  summary: string;

  /** The operator who previewed the file: only they can page its errors and commit it. */
  @Column({ type: 'text', name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'committed_at', nullable: true })
  committedAt: string | null;
}
