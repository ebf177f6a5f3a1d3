/**
 * An org unit of the hierarchy province → city → district/county → school (kindergartens are
 * schools). Names and codes are unique within the parent; those two indexes are on expressions
 * (`coalesce(parent_id, '')`) TypeORM cannot describe, so they are declared unsynchronised.
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ORG_KINDS, oneOf } from '../../../migrations/schema-helpers';
import { type OrgKind } from '@shared/api/common.schemas';

@Entity({ name: 'org_unit' })
@Check('ck_org_unit_kind', oneOf('kind', ORG_KINDS))
@Index('ux_org_unit_parent_name', { synchronize: false })
@Index('ux_org_unit_parent_code', { synchronize: false })
export class OrgUnitEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'code', nullable: true })
  code: string | null;

  @Column({ type: 'text', name: 'name' })
  name: string;

  /** The name's pinyin sort key (shared/domain/roster/name-key.ts): lists sort by it. */
  @Column({ type: 'text', name: 'name_key', default: '' })
  nameKey: string;

  @Column({ type: 'text', name: 'kind' })
  kind: OrgKind;

  @Index('ix_org_unit_parent')
  @Column({ type: 'text', name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'parent_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_org_unit_parent',
  })
  parent?: OrgUnitEntity | null;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}
