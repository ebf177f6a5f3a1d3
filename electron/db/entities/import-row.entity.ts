/**
 * A row of an import preview, classified (staged until the import is committed or discarded).
 * JSON columns keep the row's parsed payload, its original cells and its errors.
 */
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportSessionEntity } from './import-session.entity';

@Entity({ name: 'import_row', withoutRowid: true })
export class ImportRowEntity {
  @PrimaryColumn({ type: 'text', name: 'session_id' })
  sessionId: string;

  @PrimaryColumn({ type: 'integer', name: 'row_no' })
  rowNo: number;

  @ManyToOne(() => ImportSessionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'session_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_import_row_session',
  })
  session?: ImportSessionEntity;

  @Column({ type: 'text', name: 'status' })
  status: string;

  @Column({ type: 'text', name: 'payload', nullable: true })
  payload: string | null;

  @Column({ type: 'text', name: 'original', nullable: true })
  original: string | null;

  @Column({ type: 'text', name: 'errors', nullable: true })
  errors: string | null;

  @Column({ type: 'integer', name: 'error_count', default: 0 })
  errorCount: number;
}
