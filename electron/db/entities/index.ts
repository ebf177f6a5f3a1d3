/**
 * Every entity, listed by hand (bundlers do not follow globs). The schema itself comes from the
 * migrations; an integration test checks that these entities and the migrated schema agree.
 */
import { AppMetaEntity } from './app-meta.entity';
import { AuditLogEntity } from './audit-log.entity';
import { ImportRowEntity } from './import-row.entity';
import { ImportSessionEntity } from './import-session.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { OutboxEntity } from './outbox.entity';
import { RuleSetEntity } from './rule-set.entity';
import { TeacherStageEntity } from './teacher-stage.entity';
import { TeacherEntity } from './teacher.entity';

export {
  AppMetaEntity,
  AuditLogEntity,
  ImportRowEntity,
  ImportSessionEntity,
  OrgUnitEntity,
  OutboxEntity,
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
];
