/** A rule set saved by an office (presets ship with the app). `body` is the validated JSON. */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rule_set' })
export class RuleSetEntity {
  @PrimaryColumn({ type: 'text', name: 'id' })
  id: string;

  @Column({ type: 'text', name: 'name' })
  name: string;

  /** Comma-separated part kinds, e.g. "assessment,calendar". */
  @Column({ type: 'text', name: 'kinds' })
  kinds: string;

  @Column({ type: 'text', name: 'based_on', nullable: true })
  basedOn: string | null;

  @Column({ type: 'text', name: 'body' })
  body: string;

  @Column({ type: 'text', name: 'created_at' })
  createdAt: string;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}
