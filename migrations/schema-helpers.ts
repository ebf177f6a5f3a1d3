/**
 * A small typed layer over TypeORM's schema builder, so each migration is written once and runs on
 * both engines (SQLite and PostgreSQL). Only what TypeORM cannot express goes per engine: triggers
 * and expression indexes, through `perEngine`.
 */
import {
  type QueryRunner,
  Table,
  type TableCheckOptions,
  type TableColumnOptions,
  type TableForeignKeyOptions,
  type TableIndexOptions,
} from 'typeorm';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(queryRunner: QueryRunner): Engine {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** Runs the statements written for the engine the migration runs on. */
export async function perEngine(
  queryRunner: QueryRunner,
  statements: Record<Engine, readonly string[]>,
): Promise<void> {
  for (const sql of statements[engineOf(queryRunner)]) await queryRunner.query(sql);
}

interface ColumnOptions {
  isNullable?: boolean;
  isPrimary?: boolean;
  default?: string;
}

/** A text column (dates are ISO 8601 text and ids UUID text on both engines). */
export function text(name: string, options: ColumnOptions = {}): TableColumnOptions {
  return {
    name,
    type: 'text',
    isNullable: options.isNullable ?? false,
    isPrimary: options.isPrimary ?? false,
    ...(options.default === undefined ? {} : { default: options.default }),
  };
}

export function integer(name: string, options: ColumnOptions = {}): TableColumnOptions {
  return {
    name,
    type: 'integer',
    isNullable: options.isNullable ?? false,
    isPrimary: options.isPrimary ?? false,
    ...(options.default === undefined ? {} : { default: options.default }),
  };
}

/** An integer key the database numbers (AUTOINCREMENT on SQLite, a sequence on PostgreSQL). */
export function serial(name: string): TableColumnOptions {
  return {
    name,
    type: 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
    isNullable: false,
  };
}

/** A check named so both engines (and TypeORM's schema diff) know it by the same name. */
export function check(name: string, expression: string): TableCheckOptions {
  return { name, expression };
}

/** `"column" IN ('a', 'b')` for a check. */
export function oneOf(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}

export function foreignKey(
  name: string,
  column: string,
  referencedTable: string,
  onDelete: 'RESTRICT' | 'CASCADE',
): TableForeignKeyOptions {
  return {
    name,
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  };
}

export function index(name: string, columns: string[], isUnique = false): TableIndexOptions {
  return { name, columnNames: columns, isUnique };
}

export interface TableSpec {
  name: string;
  /**
   * SQLite only: store the rows in the primary key's own B-tree (no rowid table beside it), for
   * tables written in bulk and read by their key; PostgreSQL ignores it.
   */
  withoutRowid?: boolean;
  columns: TableColumnOptions[];
  checks?: TableCheckOptions[];
  foreignKeys?: TableForeignKeyOptions[];
  indices?: TableIndexOptions[];
}

export async function createTable(queryRunner: QueryRunner, spec: TableSpec): Promise<void> {
  await queryRunner.createTable(
    new Table({
      name: spec.name,
      columns: spec.columns,
      checks: spec.checks ?? [],
      foreignKeys: spec.foreignKeys ?? [],
      indices: spec.indices ?? [],
      withoutRowid: spec.withoutRowid ?? false,
    }),
  );
}

/** The enumerations checks are built from, shared with the entities' @Check declarations. */
export const ORG_KINDS = ['province', 'city', 'district', 'school'] as const;
export const GENDERS = ['男', '女'] as const;
export const IMPORT_KINDS = ['teacher', 'org'] as const;
export const IMPORT_STATUSES = ['previewed', 'committed', 'discarded'] as const;

/** A constant of a migration as an SQL string literal: one statement text for both engines. */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Gives preset roles rights (role code → rights), as the migrations that add rights do. */
export async function grantRights(
  queryRunner: QueryRunner,
  grants: Record<string, readonly string[]>,
): Promise<void> {
  for (const [role, rights] of Object.entries(grants)) {
    if (rights.length === 0) continue;
    const rows = rights.map((right) => `(${sqlText(role)}, ${sqlText(right)})`);
    await queryRunner.query(
      `INSERT INTO "role_permission" ("role_code", "permission") VALUES ${rows.join(', ')}`,
    );
  }
}
