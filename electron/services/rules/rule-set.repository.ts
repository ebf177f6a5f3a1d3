/** Saved rule sets, through TypeORM, on the caller's transaction context. */
import { type AppDatabase, type Tx, txOr } from '../../db/database';
import { RuleSetEntity } from '../../db/entities/rule-set.entity';

export class RuleSetRepository {
  constructor(private readonly db: AppDatabase) {}

  all(tx?: Tx): Promise<RuleSetEntity[]> {
    return txOr(this.db, tx)
      .manager.getRepository(RuleSetEntity)
      .find({ order: { updatedAt: 'DESC' } });
  }

  byId(id: string, tx?: Tx): Promise<RuleSetEntity | null> {
    return txOr(this.db, tx).manager.getRepository(RuleSetEntity).findOneBy({ id });
  }

  async upsert(tx: Tx, row: RuleSetEntity): Promise<void> {
    await tx.manager.getRepository(RuleSetEntity).upsert(row, ['id']);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.manager.getRepository(RuleSetEntity).delete({ id });
  }
}
