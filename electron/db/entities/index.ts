/**
 * Every entity, listed by hand (bundlers do not follow globs). The schema itself comes from the
 * migrations; an integration test checks that these entities and the migrated schema agree.
 */
import { AppMetaEntity } from './app-meta.entity';
import { AuditLogEntity } from './audit-log.entity';
import { ImportRowEntity } from './import-row.entity';
import { ImportSessionEntity } from './import-session.entity';
import { OrgUnitEntity } from './org-unit.entity';
import {
  ApiTokenEntity,
  OperatorEntity,
  OperatorRoleEntity,
  RoleEntity,
  RolePermissionEntity,
} from './operator.entity';
import { EnrollmentEntity, PlagiarismBanEntity, WaitlistEntity } from './enrollment.entity';
import { OutboxEntity } from './outbox.entity';
import { BatchEntity, CourseEntity, ProjectEntity, QuotaEntity } from './project.entity';
import { RuleSetEntity } from './rule-set.entity';
import { TeacherStageEntity } from './teacher-stage.entity';
import { TeacherEntity } from './teacher.entity';

export {
  ApiTokenEntity,
  EnrollmentEntity,
  PlagiarismBanEntity,
  WaitlistEntity,
  AppMetaEntity,
  BatchEntity,
  CourseEntity,
  AuditLogEntity,
  ImportRowEntity,
  ImportSessionEntity,
  OperatorEntity,
  OperatorRoleEntity,
  OrgUnitEntity,
  OutboxEntity,
  ProjectEntity,
  QuotaEntity,
  RoleEntity,
  RolePermissionEntity,
  RuleSetEntity,
  TeacherEntity,
  TeacherStageEntity,
};

export const entities = [
  OrgUnitEntity,
  TeacherEntity,
  ImportSessionEntity,
  AuditLogEntity,
  AppMetaEntity,
  RuleSetEntity,
  OutboxEntity,
  ImportRowEntity,
  TeacherStageEntity,
  RoleEntity,
  RolePermissionEntity,
  OperatorEntity,
  OperatorRoleEntity,
  ApiTokenEntity,
  ProjectEntity,
  BatchEntity,
  CourseEntity,
  QuotaEntity,
  EnrollmentEntity,
  WaitlistEntity,
  PlagiarismBanEntity,
];
