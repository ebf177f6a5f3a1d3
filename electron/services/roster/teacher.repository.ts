/**
 * Queries on teachers, through TypeORM's query builder on the caller's transaction context.
 *
 * Two places are per engine, both measured:
 * - the school filter: one JSON parameter on SQLite (`json_each`), one array on PostgreSQL
 *   (`= ANY`), instead of thousands of bound parameters (a province has ≈14,000 schools);
 * - bulk inserts (the demo workspace): multi-row prepared statements on SQLite (≈150k rows/s,
 *   where ORM saves manage ≈7k), `unnest` of column arrays on PostgreSQL (one statement per
 *   5,000 rows).
 */
import { type SelectQueryBuilder } from 'typeorm';
import { type RosterFilter } from '@shared/api/roster.contract';
import { batchedInsert } from '../../db/batched-writer';
import { type AppDatabase, type Tx, txOr } from '../../db/database';
import { TeacherEntity } from '../../db/entities/teacher.entity';

export interface TeacherWrite {
  id: string;
  idNumber: string;
  name: string;
  /** The name's pinyin sort key (nameSortKey). */
  nameKey: string;
  gender: string;
  birthDate: string;
  schoolId: string;
  stages: string;
  subject: string | null;
  title: string | null;
  mobile: string | null;
  employmentStatus: string;
  rowHash: string;
  now: string;
}

export interface ExistingTeacher {
  id: string;
  idNumber: string;
  schoolId: string;
  rowHash: string;
  name: string;
}

export interface TeacherListRecord {
  id: string;
  idNumber: string;
  name: string;
  gender: string;
  birthDate: string;
  schoolId: string;
  schoolName: string;
  districtName: string | null;
  stages: string;
  subject: string | null;
  title: string | null;
  mobile: string | null;
  employmentStatus: string;
  updatedAt: string;
}

const SORTABLE: Record<string, string> = {
  // Names sort by pinyin: their stored key (see shared/domain/roster/name-key.ts).
  name: 't.name_key',
  gender: 't.gender',
  birthDate: 't.birth_date',
  // Unit names too (org_unit.name_key).
  schoolName: 's.name_key',
  districtName: 'd.name_key',
  stages: 't.stages',
  subject: 't.subject',
  title: 't.title',
  employmentStatus: 't.employment_status',
  updatedAt: 't.updated_at',
  idNumberMasked: 't.id_number',
};

export interface ListQuery extends Omit<RosterFilter, 'orgId'> {
  /**
   * The schools whose teachers the query may see: the caller's scope (and the unit chosen in the
   * tree), or 'all' when that is every school. Required: no query forgets the scope.
   */
  schools: string[] | 'all';
  sort?: { colId: string; sort: 'asc' | 'desc' }[];
  offset?: number;
  limit?: number;
}

const LIST_COLUMNS: [string, keyof TeacherListRecord][] = [
  ['t.id', 'id'],
  ['t.id_number', 'idNumber'],
  ['t.name', 'name'],
  ['t.gender', 'gender'],
  ['t.birth_date', 'birthDate'],
  ['t.school_id', 'schoolId'],
  ['s.name', 'schoolName'],
  [`CASE WHEN d.kind = 'district' THEN d.name ELSE NULL END`, 'districtName'],
  ['t.stages', 'stages'],
  ['t.subject', 'subject'],
  ['t.title', 'title'],
  ['t.mobile', 'mobile'],
  ['t.employment_status', 'employmentStatus'],
  ['t.updated_at', 'updatedAt'],
];

const INSERT_COLUMNS = [
  'id',
  'id_number',
  'name',
  'name_key',
  'gender',
  'birth_date',
  'school_id',
  'stages',
  'subject',
  'title',
  'mobile',
  'employment_status',
  'row_hash',
  'created_at',
  'updated_at',
] as const;

function insertValues(t: TeacherWrite): (string | null)[] {
  return [
    t.id,
    t.idNumber,
    t.name,
    t.nameKey,
    t.gender,
    t.birthDate,
    t.schoolId,
    t.stages,
    t.subject,
    t.title,
    t.mobile,
    t.employmentStatus,
    t.rowHash,
    t.now,
    t.now,
  ];
}

const PG_INSERT_CHUNK = 5000;

/**
 * `column` is one of `values`, as one bound parameter whatever their number (see the module
 * header): a JSON text on SQLite, an array on PostgreSQL.
 */
function inList(
  column: string,
  name: string,
  values: readonly string[],
  engine: 'sqlite' | 'postgres',
): [string, Record<string, unknown>] {
  return engine === 'postgres'
    ? [`${column} = ANY(:${name})`, { [name]: values }]
    : [`${column} IN (SELECT value FROM json_each(:${name}))`, { [name]: JSON.stringify(values) }];
}

/**
 * A sort on a key column compared byte by byte on both engines: SQLite compares text as bytes;
 * a PostgreSQL server sorts by its locale (which may ignore spaces), so the key is sorted "C".
 */
function byteOrder(column: string, engine: 'sqlite' | 'postgres'): string {
  return engine === 'postgres' && column.endsWith('.name_key') ? `${column} COLLATE "C"` : column;
}

/** count(*) of a query: TypeORM's getCount() counts DISTINCT ids, which costs a sort here. */
async function countRows(qb: SelectQueryBuilder<TeacherEntity>): Promise<number> {
  const row = await qb.select('count(*)', 'n').getRawOne<{ n: number | string }>();
  return Number(row?.n ?? 0);
}

/** Counts most first, ties by key (the order of the roster's statistics). */
export function mostFirst(a: { key: string; count: number }, b: { key: string; count: number }) {
  return b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export class TeacherRepository {
  constructor(private readonly db: AppDatabase) {}

  private base(tx: Tx | undefined): SelectQueryBuilder<TeacherEntity> {
    return txOr(this.db, tx)
      .manager.getRepository(TeacherEntity)
      .createQueryBuilder('t')
      .innerJoin('org_unit', 's', 's.id = t.school_id');
  }

  /** Restricts `qb` to the schools ('all': no restriction). */
  private inSchools<Q extends SelectQueryBuilder<TeacherEntity>>(
    qb: Q,
    schoolIds: string[] | 'all',
    tx: Tx | undefined,
  ): Q {
    if (schoolIds === 'all') return qb;
    return qb.andWhere(
      ...inList('t.school_id', 'schoolIds', schoolIds, txOr(this.db, tx).engine),
    ) as Q;
  }

  private filtered(query: ListQuery, tx: Tx | undefined): SelectQueryBuilder<TeacherEntity> {
    const qb = this.inSchools(this.base(tx).where('1 = 1'), query.schools, tx);
    const search = query.search?.trim();
    if (search) {
      if (/^[0-9]{4,17}[0-9Xx]?$/.test(search)) {
        qb.andWhere('t.id_number LIKE :idTail', { idTail: `%${search.toUpperCase()}` });
      } else {
        qb.andWhere(`t.name LIKE :name ESCAPE '\\'`, {
          name: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        });
      }
    }
    if (query.stage) {
      qb.andWhere(`(',' || t.stages || ',') LIKE :stage`, { stage: `%,${query.stage},%` });
    }
    for (const [field, column] of [
      ['title', 't.title'],
      ['subject', 't.subject'],
      ['gender', 't.gender'],
      ['employmentStatus', 't.employment_status'],
    ] as const) {
      const value = query[field];
      if (value) qb.andWhere(`${column} = :${field}`, { [field]: value });
    }
    return qb;
  }

  private withListColumns(
    qb: SelectQueryBuilder<TeacherEntity>,
  ): SelectQueryBuilder<TeacherEntity> {
    qb.leftJoin('org_unit', 'd', 'd.id = s.parent_id').select([]);
    for (const [expression, alias] of LIST_COLUMNS) qb.addSelect(expression, alias);
    return qb;
  }

  /**
   * A page of the roster and the count of all it pages through. The page is found in two steps:
   * its ids, sorted and cut on the narrowest rows (for the default order, by unit and name, from
   * the ix_teacher_school_name index alone), then the columns of those ids. Sorting whole rows
   * read every teacher of the scope for each page, ≈ 37 ms for a city of 30,000 on the encrypted
   * file (its rows outgrow the page cache, so each page decrypted them again); by ids, ≈ 1 ms.
   */
  async list(query: ListQuery, tx?: Tx): Promise<{ rows: TeacherListRecord[]; total: number }> {
    const total = await countRows(this.filtered(query, tx));
    const engine = txOr(this.db, tx).engine;
    const page = this.filtered(query, tx).select('t.id', 'id');
    const sorted = new Set<string>();
    for (const s of query.sort ?? []) {
      const column = SORTABLE[s.colId];
      if (!column || sorted.has(column)) continue;
      sorted.add(column);
      page.addOrderBy(byteOrder(column, engine), s.sort === 'desc' ? 'DESC' : 'ASC');
    }
    if (sorted.has('d.name_key')) page.leftJoin('org_unit', 'd', 'd.id = s.parent_id');
    // Ties broken by name, then id (the query builder keeps one direction per column: a column
    // already sorted on is not added again).
    if (!sorted.has('t.name_key')) page.addOrderBy(byteOrder('t.name_key', engine), 'ASC');
    page.addOrderBy('t.id', 'ASC');
    const ids = (
      await page
        .offset(query.offset ?? 0)
        .limit(query.limit ?? 100)
        .getRawMany<{ id: string }>()
    ).map((row) => row.id);
    if (ids.length === 0) return { rows: [], total };
    const rows = await this.withListColumns(
      this.base(tx).where(...inList('t.id', 'pageIds', ids, engine)),
    ).getRawMany<TeacherListRecord>();
    const byId = new Map(rows.map((row) => [row.id, row]));
    // In the page's order; a teacher deleted between the two reads is simply not in it.
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
  }

  /** Every matching teacher, in pages, for exports of any size at flat memory. */
  async *iterate(query: ListQuery, pageSize = 2000, tx?: Tx): AsyncGenerator<TeacherListRecord[]> {
    // Keyset pages (school, name, id): nothing stays open between pages, and each page starts
    // where the last one ended whatever was written meanwhile.
    let after: [string, string, string] | null = null;
    for (;;) {
      const qb = this.withListColumns(this.filtered(query, tx));
      if (after) {
        qb.andWhere('(s.name, t.name, t.id) > (:afterSchool, :afterName, :afterId)', {
          afterSchool: after[0],
          afterName: after[1],
          afterId: after[2],
        });
      }
      const page = await qb
        .orderBy('s.name', 'ASC')
        .addOrderBy('t.name', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(pageSize)
        .getRawMany<TeacherListRecord>();
      if (page.length === 0) return;
      yield page;
      const last = page[page.length - 1] as TeacherListRecord;
      after = [last.schoolName, last.name, last.id];
      if (page.length < pageSize) return;
    }
  }

  /**
   * Teachers matching `query`, counted by stages, title and gender (blank as 未填), each list most
   * first: one pass over the scope, grouped by the three together (a few dozen groups), then added
   * up per column. A query per column read the scope's rows once each: ≈ 120–160 ms for the demo
   * city's 30,000 through the bridge, 55–80 ms in one pass.
   */
  async countByColumns(
    query: ListQuery,
    tx?: Tx,
  ): Promise<Record<'stages' | 'title' | 'gender', { key: string; count: number }[]>> {
    const columns = ['stages', 'title', 'gender'] as const;
    const qb = this.filtered(query, tx).select([]);
    for (const column of columns) {
      qb.addSelect(`coalesce(t.${column}, '未填')`, column).addGroupBy(
        `coalesce(t.${column}, '未填')`,
      );
    }
    const groups = await qb
      .addSelect('count(*)', 'count')
      .getRawMany<Record<(typeof columns)[number], string> & { count: number | string }>();
    const tally = (column: (typeof columns)[number]): { key: string; count: number }[] => {
      const counts = new Map<string, number>();
      for (const group of groups) {
        counts.set(group[column], (counts.get(group[column]) ?? 0) + Number(group.count));
      }
      return [...counts].map(([key, count]) => ({ key, count })).sort(mostFirst);
    };
    return { stages: tally('stages'), title: tally('title'), gender: tally('gender') };
  }

  count(query: ListQuery, tx?: Tx): Promise<number> {
    return countRows(this.filtered(query, tx));
  }

  async byId(id: string, tx?: Tx): Promise<TeacherListRecord | undefined> {
    const row = await this.withListColumns(this.base(tx).where('t.id = :id', { id })).getRawOne<
      TeacherListRecord | undefined
    >();
    return row ?? undefined;
  }

  /** Existing teachers among `idNumbers`, keyed by ID number. */
  async findManyByIdNumber(idNumbers: string[], tx?: Tx): Promise<Map<string, ExistingTeacher>> {
    const found = new Map<string, ExistingTeacher>();
    const CHUNK = 5000;
    for (let i = 0; i < idNumbers.length; i += CHUNK) {
      const ids = idNumbers.slice(i, i + CHUNK);
      const qb = txOr(this.db, tx)
        .manager.getRepository(TeacherEntity)
        .createQueryBuilder('t')
        .select(['t.id', 't.idNumber', 't.schoolId', 't.rowHash', 't.name']);
      qb.where(...inList('t.id_number', 'ids', ids, txOr(this.db, tx).engine));
      const rows = await qb.getMany();
      for (const r of rows) found.set(r.idNumber, r);
    }
    return found;
  }

  /** Inserts teachers inside the caller's write transaction, in bulk. */
  async insertMany(
    tx: Tx,
    teachers: Iterable<TeacherWrite>,
    onProgress?: (done: number) => void,
  ): Promise<number> {
    let done = 0;
    if (tx.sqlite) {
      const writer = batchedInsert<TeacherWrite>(
        tx.sqlite,
        'teacher',
        INSERT_COLUMNS,
        insertValues,
      );
      for (const t of teachers) {
        writer.add(t);
        done += 1;
        if (done % 2000 === 0) onProgress?.(done);
      }
      writer.flush();
      return done;
    }
    const columns: (string | null)[][] = INSERT_COLUMNS.map(() => []);
    const flush = async (): Promise<void> => {
      if ((columns[0]?.length ?? 0) === 0) return;
      await tx.manager.query(
        `INSERT INTO teacher (${INSERT_COLUMNS.join(', ')})
         SELECT * FROM unnest(${INSERT_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})`,
        columns,
      );
      for (const column of columns) column.length = 0;
      onProgress?.(done);
    };
    for (const t of teachers) {
      insertValues(t).forEach((value, i) => columns[i]?.push(value));
      done += 1;
      if (done % PG_INSERT_CHUNK === 0) await flush();
    }
    await flush();
    return done;
  }

  async update(tx: Tx, t: TeacherWrite): Promise<void> {
    await tx.manager.getRepository(TeacherEntity).update(
      { id: t.id },
      {
        name: t.name,
        nameKey: t.nameKey,
        gender: t.gender as '男' | '女',
        birthDate: t.birthDate,
        schoolId: t.schoolId,
        stages: t.stages,
        subject: t.subject,
        title: t.title,
        mobile: t.mobile,
        employmentStatus: t.employmentStatus,
        rowHash: t.rowHash,
        updatedAt: t.now,
      },
    );
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.manager.getRepository(TeacherEntity).delete({ id });
  }

  /** The full stored row, for edits that re-hash the teacher. */
  async fullById(
    id: string,
    tx?: Tx,
  ): Promise<(Omit<TeacherWrite, 'now'> & { updatedAt: string }) | undefined> {
    const row = await txOr(this.db, tx).manager.getRepository(TeacherEntity).findOneBy({ id });
    if (!row) return undefined;
    return {
      id: row.id,
      idNumber: row.idNumber,
      name: row.name,
      nameKey: row.nameKey,
      gender: row.gender,
      birthDate: row.birthDate,
      schoolId: row.schoolId,
      stages: row.stages,
      subject: row.subject,
      title: row.title,
      mobile: row.mobile,
      employmentStatus: row.employmentStatus,
      rowHash: row.rowHash,
      updatedAt: row.updatedAt,
    };
  }
}
