/**
 * One import of a workbook: previewed first, then committed or discarded. `summary` is JSON with
 * the preview counts, so the wizard can be resumed after a restart.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'import_session' })
export class ImportSessionEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  /** CHECK in the schema: 'teacher' | 'org'. */
  @Column({ type: 'text', name: 'kind' })
  kind: 'teacher' | 'org';

  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  /** CHECK in the schema: 'previewed' | 'committed' | 'discarded'. */
  @Column({ type: 'text', name: 'status' })
  status: 'previewed' | 'committed' | 'discarded';

  @Column({ type: 'text', name: 'summary' })
  summary: string;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'committed_at', nullable: true })
  committedAt: string | null;
}
