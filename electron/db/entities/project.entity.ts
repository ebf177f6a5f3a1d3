/** Training projects, their batches and courses, and quotas (migration 1765300000000-Projects). */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { oneOf } from '../../../migrations/schema-helpers';
import { PROJECT_STATUSES } from '../../../migrations/1765300000000-Projects';
import { OrgUnitEntity } from './org-unit.entity';

export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

@Entity({ name: 'project' })
@Check('ck_project_status', oneOf('status', PROJECT_STATUSES))
export class ProjectEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Index('ux_project_code', { unique: true })
  @Column({ type: 'text', name: 'code' })
  code: string;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'integer', name: 'year' })
  year: number;

  @Column({ type: 'text', name: 'organizer_unit_id' })
  organizerUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organizer_unit_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_project_organizer',
  })
  organizer?: OrgUnitEntity;

  /** The preset or saved rule set it was made from. */
  @Column({ type: 'text', name: 'rule_set_id' })
  ruleSetId: string;

  /** That rule set as it was then (JSON): the project keeps its rules. */
  @Column({ type: 'text', name: 'rules' })
  rules: string;

  /** Comma-separated stages (学段) the project is for. */
  @Column({ type: 'text', name: 'stages' })
  stages: string;

  /** Comma-separated subjects; empty for all. */
  @Column({ type: 'text', name: 'subjects' })
  subjects: string;

  @Column({ type: 'text', name: 'status' })
  status: ProjectStatus;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}

@Entity({ name: 'project_batch' })
@Index('ux_project_batch_no', ['projectId', 'no'], { unique: true })
export class BatchEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'project_id' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_project_batch_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'integer', name: 'no' })
  no: number;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'text', name: 'starts_on' })
  startsOn: string;

  @Column({ type: 'text', name: 'ends_on' })
  endsOn: string;

  @Column({ type: 'text', name: 'enroll_from', nullable: true })
  enrollFrom: string | null;

  @Column({ type: 'text', name: 'enroll_until' })
  enrollUntil: string;

  @Column({ type: 'text', name: 'change_until' })
  changeUntil: string;
}

@Entity({ name: 'course' })
@Check('ck_course_capacity', '"capacity" IS NULL OR "capacity" >= 0')
@Index('ux_course_batch_code', ['batchId', 'code'], { unique: true })
export class CourseEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'batch_id' })
  batchId: string;

  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'batch_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_course_batch',
  })
  batch?: BatchEntity;

  @Column({ type: 'text', name: 'code' })
  code: string;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'text', name: 'stage' })
  stage: string;

  @Column({ type: 'text', name: 'subject', nullable: true })
  subject: string | null;

  @Column({ type: 'integer', name: 'hours' })
  hours: number;

  @Column({ type: 'integer', name: 'capacity', nullable: true })
  capacity: number | null;
}

@Entity({ name: 'quota' })
@Check('ck_quota_seats', '"seats" >= 0')
export class QuotaEntity {
  @PrimaryColumn({ type: 'text', name: 'batch_id' })
  batchId: string;

  @PrimaryColumn({ type: 'text', name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'batch_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_quota_batch',
  })
  batch?: BatchEntity;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'unit_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_quota_unit',
  })
  unit?: OrgUnitEntity;

  @Index('ix_quota_project')
  @Column({ type: 'text', name: 'project_id' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_quota_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'integer', name: 'seats' })
  seats: number;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}
