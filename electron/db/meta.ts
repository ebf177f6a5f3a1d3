/**
 * Small key/value settings stored with the data (e.g. whether the demo workspace is in use), in
 * `app_meta`, read and written inside the caller's transaction context.
 */
import { type Tx } from './database';
import { AppMetaEntity } from './entities/app-meta.entity';

export async function getMeta(tx: Tx, key: string): Promise<string | null> {
  const row = await tx.manager.getRepository(AppMetaEntity).findOneBy({ key });
  return row?.value ?? null;
}

export async function setMeta(tx: Tx, key: string, value: string): Promise<void> {
  await tx.manager.getRepository(AppMetaEntity).upsert({ key, value }, ['key']);
}
