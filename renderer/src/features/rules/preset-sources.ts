/**
 * The source notice of each preset (title, 文号, issuer), for the list's 来源 column. The presets
 * are pure data in shared/domain, the same code the core serves, so the list need not fetch every
 * rule set to name its notice.
 */
import { listPresets, type RuleSource } from '@shared/domain/rules';

const SOURCES: ReadonlyMap<string, RuleSource | null> = new Map(
  listPresets().map((preset) => [preset.id, preset.source]),
);

export function presetSource(id: string): RuleSource | null {
  return SOURCES.get(id) ?? null;
}

/** The shortest name of a notice people recognise: its 文号, else its title. */
export function sourceShortText(source: RuleSource | null): string | null {
  if (!source) return null;
  return source.reference ?? source.title;
}
