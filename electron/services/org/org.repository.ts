/**
 * Queries on org units, through TypeORM on the caller's transaction context. Reads the whole tree
 * at once: an office has at most a few thousand units (a province ≈ 14,000), and the tree view,
 * the import and the school lookup all need it whole.
 */
import { type OrgKind } from '@shared/api/common.schemas';
import { textSortKey } from '@shared/domain/roster/name-key';
import { type AppDatabase, type Tx, txOr } from '../../db/database';
import { OrgUnitEntity } from '../../db/entities/org-unit.entity';
import { TeacherEntity } from '../../db/entities/teacher.entity';
import { idsParam, inIds, rawRows } from '../../db/raw-sql';

export interface OrgUnitRecord {
  id: string;
  code: string | null;
  name: string;
  kind: OrgKind;
  parentId: string | null;
}

export interface OrgUnitInsert extends OrgUnitRecord {
  now: string;
}

const RECORD_COLUMNS = ['id', 'code', 'name', 'kind', 'parentId'] as const;
const RECORD_SELECT = { id: true, code: true, name: true, kind: true, parentId: true } as const;

/**
 * The unit list as last read, per database, with the stamp it was read at: every call resolves its
 * scope from the whole list, and reading 14,000 units through the ORM took ≈ 40 ms a time at
 * province scale (npm run bench, quota_enroll). The stamp (count and latest update, one indexed
 * aggregate) changes with every insert, rename and delete, whichever process made it, and inside a
 * write it is read through the write, so the write's own changes show in it too.
 */
const cached = new WeakMap<AppDatabase, { stamp: string; units: OrgUnitRecord[] }>();

export class OrgRepository {
  constructor(private readonly db: AppDatabase) {}

  private units(tx: Tx | undefined) {
    return txOr(this.db, tx).manager.getRepository(OrgUnitEntity);
  }

  async all(tx?: Tx): Promise<OrgUnitRecord[]> {
    const row = await this.units(tx)
      .createQueryBuilder('u')
      .select('count(*)', 'n')
      .addSelect('max(u.updated_at)', 'at')
      .getRawOne<{ n: number | string; at: string | null }>();
    const stamp = `${Number(row?.n ?? 0)}/${row?.at ?? ''}`;
    const hit = cached.get(this.db);
    // Inside a write the stamp is read through the write, so a change of its own shows in it.
    if (hit?.stamp === stamp) return hit.units;
    const units = await this.read(tx);
    // What a write reads may still be rolled back: only committed lists are kept.
    if (!tx?.isWrite) cached.set(this.db, { stamp, units });
    return units;
  }

  private read(tx: Tx | undefined): Promise<OrgUnitRecord[]> {
    return this.units(tx).find({
      select: RECORD_SELECT,
      // NULLS FIRST as SQLite sorts them by default: both engines list units in one order.
      order: { kind: 'ASC', code: { direction: 'ASC', nulls: 'FIRST' }, name: 'ASC', id: 'ASC' },
    });
  }

  async byId(id: string, tx?: Tx): Promise<OrgUnitRecord | undefined> {
    return (await this.units(tx).findOne({ select: RECORD_SELECT, where: { id } })) ?? undefined;
  }

  /** Teachers per school, for the counts of the tree. */
  /**
   * Teachers per school: of these schools (index lookups), or of every school (one pass over the
   * school index; ≈ 90 ms for 800,000 teachers, npm run bench, quota_enroll).
   */
  async teacherCountsBySchool(
    tx?: Tx,
    schoolIds?: readonly string[],
  ): Promise<Map<string, number>> {
    const on = txOr(this.db, tx);
    if (schoolIds?.length === 0) return new Map();
    const rows = await rawRows<{ schoolId: string; n: number | string }>(
      on,
      `SELECT school_id AS "schoolId", count(*) AS n FROM teacher
        ${schoolIds ? `WHERE ${inIds(on, 'school_id')}` : ''} GROUP BY school_id`,
      schoolIds ? [idsParam(on, schoolIds)] : [],
    );
    return new Map(rows.map((r) => [r.schoolId, Number(r.n)]));
  }

  async insert(tx: Tx, unit: OrgUnitInsert): Promise<void> {
    await this.insertMany(tx, [unit]);
  }

  /** Inserts units in statements of a few hundred rows (both engines bound their parameters). */
  async insertMany(tx: Tx, units: readonly OrgUnitInsert[]): Promise<void> {
    const CHUNK = 500;
    for (let i = 0; i < units.length; i += CHUNK) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(OrgUnitEntity)
        .values(
          units.slice(i, i + CHUNK).map((u) => ({
            id: u.id,
            code: u.code,
            name: u.name,
            nameKey: textSortKey(u.name),
            kind: u.kind,
            parentId: u.parentId,
            createdAt: u.now,
            updatedAt: u.now,
          })),
        )
        .execute();
    }
  }

  async update(
    tx: Tx,
    id: string,
    fields: { name: string; code: string | null },
    now: string,
  ): Promise<void> {
    await this.units(tx).update(
      { id },
      { name: fields.name, nameKey: textSortKey(fields.name), code: fields.code, updatedAt: now },
    );
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await this.units(tx).delete({ id });
  }

  childCount(id: string, tx?: Tx): Promise<number> {
    return this.units(tx).countBy({ parentId: id });
  }

  teacherCount(schoolId: string, tx?: Tx): Promise<number> {
    return txOr(this.db, tx).manager.getRepository(TeacherEntity).countBy({ schoolId });
  }

  siblingWithName(
    parentId: string | null,
    name: string,
    exceptId?: string,
    tx?: Tx,
  ): Promise<OrgUnitRecord | undefined> {
    return this.siblingWhere('name', parentId, name, exceptId, tx);
  }

  siblingWithCode(
    parentId: string | null,
    code: string,
    exceptId?: string,
    tx?: Tx,
  ): Promise<OrgUnitRecord | undefined> {
    return this.siblingWhere('code', parentId, code, exceptId, tx);
  }

  /** A unit under the same parent (null = top level) with this name or code, other than `exceptId`. */
  private async siblingWhere(
    column: 'name' | 'code',
    parentId: string | null,
    value: string,
    exceptId: string | undefined,
    tx: Tx | undefined,
  ): Promise<OrgUnitRecord | undefined> {
    // The same expression as the unique indexes, so they serve the lookup.
    const found = await this.units(tx)
      .createQueryBuilder('u')
      .select(RECORD_COLUMNS.map((c) => `u.${c}`))
      .where(`coalesce(u.parent_id, '') = :parent`, { parent: parentId ?? '' })
      .andWhere(`u.${column} = :value`, { value })
      .andWhere('u.id <> :except', { except: exceptId ?? '' })
      .getOne();
    return found ?? undefined;
  }
}
