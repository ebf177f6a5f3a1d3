/**
 * Queries on org units. Reads the whole tree at once: an office has at most a few thousand units,
 * and the tree view, the import and the school lookup all need it whole.
 */
import { type Database } from 'better-sqlite3-multiple-ciphers';
import { type OrgKind } from '@shared/api/common.schemas';

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

export class OrgRepository {
  constructor(private readonly sqlite: Database) {}

  all(): OrgUnitRecord[] {
    return this.sqlite
      .prepare(
        `SELECT id, code, name, kind, parent_id AS parentId FROM org_unit ORDER BY kind, code, name`,
      )
      .all() as OrgUnitRecord[];
  }

  byId(id: string): OrgUnitRecord | undefined {
    return this.sqlite
      .prepare(`SELECT id, code, name, kind, parent_id AS parentId FROM org_unit WHERE id = ?`)
      .get(id) as OrgUnitRecord | undefined;
  }

  /** Teachers per school, for the counts of the tree. */
  teacherCountsBySchool(): Map<string, number> {
    const rows = this.sqlite
      .prepare(`SELECT school_id AS schoolId, count(*) AS n FROM teacher GROUP BY school_id`)
      .all() as { schoolId: string; n: number }[];
    return new Map(rows.map((r) => [r.schoolId, r.n]));
  }

  insert(unit: OrgUnitInsert): void {
    this.sqlite
      .prepare(
        `INSERT INTO org_unit (id, code, name, kind, parent_id, created_at, updated_at)
         VALUES (@id, @code, @name, @kind, @parentId, @now, @now)`,
      )
      .run(unit);
  }

  update(id: string, fields: { name: string; code: string | null }, now: string): void {
    this.sqlite
      .prepare(`UPDATE org_unit SET name = ?, code = ?, updated_at = ? WHERE id = ?`)
      .run(fields.name, fields.code, now, id);
  }

  delete(id: string): void {
    this.sqlite.prepare(`DELETE FROM org_unit WHERE id = ?`).run(id);
  }

  childCount(id: string): number {
    return (
      this.sqlite.prepare(`SELECT count(*) AS n FROM org_unit WHERE parent_id = ?`).get(id) as {
        n: number;
      }
    ).n;
  }

  teacherCount(schoolId: string): number {
    return (
      this.sqlite
        .prepare(`SELECT count(*) AS n FROM teacher WHERE school_id = ?`)
        .get(schoolId) as {
        n: number;
      }
    ).n;
  }

  siblingWithName(
    parentId: string | null,
    name: string,
    exceptId?: string,
  ): OrgUnitRecord | undefined {
    return this.siblingWhere('name', parentId, name, exceptId);
  }

  siblingWithCode(
    parentId: string | null,
    code: string,
    exceptId?: string,
  ): OrgUnitRecord | undefined {
    return this.siblingWhere('code', parentId, code, exceptId);
  }

  /** A unit under the same parent (null = top level) with this name or code, other than `exceptId`. */
  private siblingWhere(
    column: 'name' | 'code',
    parentId: string | null,
    value: string,
    exceptId: string | undefined,
  ): OrgUnitRecord | undefined {
    return this.sqlite
      .prepare(
        `SELECT id, code, name, kind, parent_id AS parentId FROM org_unit
         WHERE ifnull(parent_id, '') = ifnull(?, '') AND ${column} = ? AND id <> ifnull(?, '')`,
      )
      .get(parentId, value, exceptId ?? null) as OrgUnitRecord | undefined;
  }
}
