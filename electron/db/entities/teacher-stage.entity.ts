/**
 * A teacher row of a roster import preview, in typed columns, staged until the import is
 * committed (applied set-based: INSERT … SELECT, UPDATE … FROM) or discarded.
 */
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportSessionEntity } from './import-session.entity';

@Entity({ name: 'teacher_stage', withoutRowid: true })
export class TeacherStageEntity {
  @PrimaryColumn({ type: 'text', name: 'session_id' })
  sessionId: string;

  @PrimaryColumn({ type: 'integer', name: 'row_no' })
  rowNo: number;

  @ManyToOne(() => ImportSessionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'session_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_teacher_stage_session',
  })
  session?: ImportSessionEntity;

  @Column({ type: 'text', name: 'status' })
  status: string;

  /** The id the teacher gets if the commit inserts the row (a UUIDv7 made while staging). */
  @Column({ type: 'text', name: 'new_id' })
  newId: string;

  @Column({ type: 'text', name: 'id_number' })
  idNumber: string;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'text', name: 'name_key' })
  nameKey: string;

  @Column({ type: 'text', name: 'gender' })
  gender: string;

  @Column({ type: 'text', name: 'birth_date' })
  birthDate: string;

  @Column({ type: 'text', name: 'school_id', nullable: true })
  schoolId: string | null;

  @Column({ type: 'text', name: 'school_name' })
  schoolName: string;

  @Column({ type: 'text', name: 'stages' })
  stages: string;

  @Column({ type: 'text', name: 'subject', nullable: true })
  subject: string | null;

  @Column({ type: 'text', name: 'title', nullable: true })
  title: string | null;

  @Column({ type: 'text', name: 'mobile', nullable: true })
  mobile: string | null;

  @Column({ type: 'text', name: 'employment_status' })
  employmentStatus: string;

  @Column({ type: 'text', name: 'row_hash', nullable: true })
  rowHash: string | null;
}
