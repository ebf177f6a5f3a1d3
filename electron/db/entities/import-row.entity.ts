/**
 * One staged row of an import session, keyed by the sheet's own row number: its parsed payload,
 * the original cells (for the error workbook) and its errors, all as JSON text.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportSessionEntity } from './import-session.entity';

@Entity({ name: 'import_row' })
@Index('ix_import_row_status', ['sessionId', 'status'])
export class ImportRowEntity {
  @PrimaryColumn({ type: 'text', name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ImportSessionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'session_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_import_row_session',
  })
  session?: ImportSessionEntity;

  @PrimaryColumn({ type: 'integer', name: 'row_no' })
  rowNo: number;

  @Column({ type: 'text', name: 'status' })
  status: string;

  @Column({ type: 'text', name: 'payload', nullable: true })
  payload: string | null;

  @Column({ type: 'text', name: 'original', nullable: true })
  original: string | null;

  @Column({ type: 'text', name: 'errors', nullable: true })
  errors: string | null;
}
