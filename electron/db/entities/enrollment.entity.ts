/** Enrollments, the waitlist and plagiarism bans (migration 1765400000000-Enrollment). */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { oneOf } from '../../../migrations/schema-helpers';
import {
  ENROLLMENT_STATUSES,
  WAITLIST_STATUSES,
} from '../../../migrations/1765400000000-Enrollment';
import { OrgUnitEntity } from './org-unit.entity';
import { BatchEntity, CourseEntity, ProjectEntity } from './project.entity';
import { TeacherEntity } from './teacher.entity';

export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

@Entity({ name: 'enrollment' })
@Check('ck_enrollment_status', oneOf('status', ENROLLMENT_STATUSES))
@Index('ux_enrollment_seq', ['projectId', 'seq'], { unique: true })
@Index('ix_enrollment_batch_school', ['batchId', 'schoolId', 'status'])
@Index('ux_enrollment_active', { synchronize: false })
export class EnrollmentEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'project_id' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_enrollment_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'text', name: 'batch_id' })
  batchId: string;

  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'batch_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_enrollment_batch',
  })
  batch?: BatchEntity;

  @Column({ type: 'text', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'course_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_enrollment_course',
  })
  course?: CourseEntity;

  @Index('ix_enrollment_teacher')
  @Column({ type: 'text', name: 'teacher_id' })
  teacherId: string;

  @ManyToOne(() => TeacherEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'teacher_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_enrollment_teacher',
  })
  teacher?: TeacherEntity;

  /** The school whose seat it takes. */
  @Column({ type: 'text', name: 'school_id' })
  schoolId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'school_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_enrollment_school',
  })
  school?: OrgUnitEntity;

  @Column({ type: 'text', name: 'status' })
  status: EnrollmentStatus;

  /** Commit order within the project: first come, first served. */
  @Column({ type: 'integer', name: 'seq' })
  seq: number;

  @Column({ type: 'text', name: 'override_reason', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'text', name: 'ended_at', nullable: true })
  endedAt: string | null;

  @Column({ type: 'text', name: 'end_reason', nullable: true })
  endReason: string | null;

  /** The enrollment that took this seat over (a swap). */
  @Column({ type: 'text', name: 'replaced_by', nullable: true })
  replacedBy: string | null;
}

@Entity({ name: 'waitlist_entry' })
@Check('ck_waitlist_status', oneOf('status', WAITLIST_STATUSES))
@Index('ix_waitlist_batch_school', ['batchId', 'schoolId', 'status', 'position'])
@Index('ux_waitlist_waiting', { synchronize: false })
export class WaitlistEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'project_id' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_waitlist_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'text', name: 'batch_id' })
  batchId: string;

  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'batch_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_waitlist_batch',
  })
  batch?: BatchEntity;

  @Column({ type: 'text', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'course_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_waitlist_course',
  })
  course?: CourseEntity;

  @Column({ type: 'text', name: 'teacher_id' })
  teacherId: string;

  @ManyToOne(() => TeacherEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'teacher_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_waitlist_teacher',
  })
  teacher?: TeacherEntity;

  @Column({ type: 'text', name: 'school_id' })
  schoolId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'school_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_waitlist_school',
  })
  school?: OrgUnitEntity;

  @Column({ type: 'integer', name: 'position' })
  position: number;

  @Column({ type: 'text', name: 'status' })
  status: WaitlistStatus;

  @Column({ type: 'text', name: 'override_reason', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'text', name: 'ended_at', nullable: true })
  endedAt: string | null;

  /** The enrollment it became when promoted. */
  @Column({ type: 'text', name: 'enrollment_id', nullable: true })
  enrollmentId: string | null;
}

@Entity({ name: 'plagiarism_ban' })
export class PlagiarismBanEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Index('ix_plagiarism_ban_teacher')
  @Column({ type: 'text', name: 'teacher_id' })
  teacherId: string;

  @ManyToOne(() => TeacherEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'teacher_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_plagiarism_ban_teacher',
  })
  teacher?: TeacherEntity;

  /** Last day of the ban (R1: 31 December of the year it was found). */
  @Column({ type: 'text', name: 'until' })
  until: string;

  @Column({ type: 'text', name: 'evidence' })
  evidence: string;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;
}
