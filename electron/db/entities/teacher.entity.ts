/**
 * A teacher, keyed by the national ID number (unique). `rowHash` fingerprints the imported fields
 * so a re-import can tell unchanged rows from updates without comparing every column.
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GENDERS, oneOf } from '../../../migrations/schema-helpers';
import { OrgUnitEntity } from './org-unit.entity';

@Entity({ name: 'teacher' })
// The roster's pages: a unit's teachers in name order, from the index alone (migration
// TeacherSchoolNameIndex; on PostgreSQL the key is kept in byte order there).
@Index('ix_teacher_school_name', ['schoolId', 'nameKey', 'id'])
@Check('ck_teacher_gender', oneOf('gender', GENDERS))
export class TeacherEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Index('ux_teacher_id_number', { unique: true })
  @Column({ type: 'text', name: 'id_number' })
  idNumber: string;

  // No index on name: searches are substring matches (LIKE '%…%'), which no index serves, and
  // every index slows bulk imports.
  @Column({ type: 'text', name: 'name' })
  name: string;

  /** The name's pinyin sort key (shared/domain/roster/name-key.ts): the roster sorts by it. */
  @Index('ix_teacher_name_key')
  @Column({ type: 'text', name: 'name_key', default: '' })
  nameKey: string;

  @Column({ type: 'text', name: 'gender' })
  gender: '男' | '女';

  /** YYYY-MM-DD, derived from the ID number. */
  @Column({ type: 'text', name: 'birth_date' })
  birthDate: string;

  /** The personnel-relationship school. */
  @Index('ix_teacher_school')
  @Column({ type: 'text', name: 'school_id' })
  schoolId: string;

  @ManyToOne(() => OrgUnitEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'school_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_teacher_school',
  })
  school?: OrgUnitEntity;

  /** The teaching stage(s), as stored by the roster service. */
  @Column({ type: 'text', name: 'stages' })
  stages: string;

  @Column({ type: 'text', name: 'subject', nullable: true })
  subject: string | null;

  @Column({ type: 'text', name: 'title', nullable: true })
  title: string | null;

  @Column({ type: 'text', name: 'mobile', nullable: true })
  mobile: string | null;

  @Column({ type: 'text', name: 'employment_status', default: '在职' })
  employmentStatus: string;

  @Column({ type: 'text', name: 'row_hash' })
  rowHash: string;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}
