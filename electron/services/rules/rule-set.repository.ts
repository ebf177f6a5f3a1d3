/** Saved rule sets: reads through TypeORM's repository, writes inside the caller's transaction. */
import { type Database } from 'better-sqlite3-multiple-ciphers';
import { type DataSource, type Repository } from 'typeorm';
import { RuleSetEntity } from '../../db/entities/rule-set.entity';

export class RuleSetRepository {
  private readonly repo: Repository<RuleSetEntity>;

  constructor(
    dataSource: DataSource,
    private readonly sqlite: Database,
  ) {
    this.repo = dataSource.getRepository(RuleSetEntity);
  }

  all(): Promise<RuleSetEntity[]> {
    return this.repo.find({ order: { updatedAt: 'DESC' } });
  }

  byId(id: string): Promise<RuleSetEntity | null> {
    return this.repo.findOneBy({ id });
  }

  upsert(row: RuleSetEntity): void {
    this.sqlite
      .prepare(
        `INSERT INTO rule_set (id, name, kinds, based_on, body, created_at, updated_at)
         VALUES (@id, @name, @kinds, @basedOn, @body, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kinds = excluded.kinds,
           based_on = excluded.based_on, body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(row);
  }

  delete(id: string): void {
    this.sqlite.prepare(`DELETE FROM rule_set WHERE id = ?`).run(id);
  }
}
