/**
 * Finds schools by the name written in a roster. Names are unique within a district but not across
 * districts, so a name can be ambiguous; "区县/学校" or "区县 学校" settles it.
 */
import { closestNames } from '@shared/domain/roster/closest-names';
import { type OrgUnitRecord } from '../org/org.repository';

export interface SchoolRef {
  id: string;
  name: string;
  parentName: string | null;
}

export type SchoolLookup =
  | { kind: 'found'; school: SchoolRef }
  | { kind: 'ambiguous'; candidates: SchoolRef[] }
  | { kind: 'unknown' };

export function normalizeOrgName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export class SchoolIndex {
  private readonly byName = new Map<string, SchoolRef[]>();
  private readonly byId = new Map<string, SchoolRef>();
  private readonly names: string[] = [];
  /** Answers by written name: a roster names a few hundred schools in 100,000 rows. */
  private readonly answers = new Map<string, SchoolLookup>();
  private readonly closest = new Map<string, string[]>();

  constructor(units: readonly OrgUnitRecord[]) {
    const nameById = new Map(units.map((u) => [u.id, u.name]));
    for (const unit of units) {
      if (unit.kind !== 'school') continue;
      this.add({
        id: unit.id,
        name: unit.name,
        parentName: unit.parentId ? (nameById.get(unit.parentId) ?? null) : null,
      });
    }
  }

  add(school: SchoolRef): void {
    const key = normalizeOrgName(school.name);
    const list = this.byName.get(key);
    if (list) list.push(school);
    else this.byName.set(key, [school]);
    this.byId.set(school.id, school);
    this.names.push(school.name);
    this.answers.clear();
    this.closest.clear();
  }

  lookup(written: string): SchoolLookup {
    let answer = this.answers.get(written);
    if (answer === undefined) {
      answer = this.find(written);
      if (this.answers.size >= 10_000) this.answers.clear();
      this.answers.set(written, answer);
    }
    return answer;
  }

  private find(written: string): SchoolLookup {
    const key = normalizeOrgName(written);
    let found = this.byName.get(key);
    if (!found) {
      const split = written
        .trim()
        .split(/[/／\\]|\s+/)
        .filter(Boolean);
      if (split.length === 2) {
        const [parent, name] = split as [string, string];
        found = (this.byName.get(normalizeOrgName(name)) ?? []).filter(
          (s) =>
            s.parentName !== null && normalizeOrgName(s.parentName) === normalizeOrgName(parent),
        );
      }
    }
    if (!found || found.length === 0) return { kind: 'unknown' };
    if (found.length > 1) return { kind: 'ambiguous', candidates: found };
    return { kind: 'found', school: found[0] as SchoolRef };
  }

  nameOf(id: string): string {
    return this.byId.get(id)?.name ?? '';
  }

  /** The closest known names (a row of an unknown school asks for them in its message). */
  suggestions(written: string): string[] {
    let names = this.closest.get(written);
    if (names === undefined) {
      names = closestNames(written, this.names, 3);
      if (this.closest.size >= 10_000) this.closest.clear();
      this.closest.set(written, names);
    }
    return [...names];
  }
}
