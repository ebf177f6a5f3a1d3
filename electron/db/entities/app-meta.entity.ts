/** A key/value setting stored with the data (see `meta.ts`). */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'app_meta' })
export class AppMetaEntity {
  @PrimaryColumn({ type: 'text', name: 'key' })
  key: string;

  @Column({ type: 'text', name: 'value' })
  value: string;
}
