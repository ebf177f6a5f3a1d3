/**
 * The units one call may see: the subtree under its operator's home unit, resolved from the whole
 * unit list (an office has at most ≈14,000 units; the tree view and the imports read it whole
 * anyway). Every list, count, tree, statistic and export is filtered through it, and an id outside
 * it answers NOT_FOUND, exactly as an id that does not exist (no existence leak).
 */
import { AppError } from '@shared/api/envelope';
import { descendantIds } from '@shared/domain/org/org-hierarchy';
import { type CallContext } from '../../core/handler-types';
import { type Scope } from '../../core/operator';
import { type Tx } from '../../db/database';
import { type OrgRepository, type OrgUnitRecord } from './org.repository';

/** The scope of a call; a call without an operator has none (its method is public). */
export function requireScope(call: Pick<CallContext, 'scope'>): Scope {
  if (!call.scope) throw new AppError('UNAUTHENTICATED', '请先登录');
  return call.scope;
}

const built = new WeakMap<readonly OrgUnitRecord[], Map<string, UnitScope>>();

export class UnitScope {
  /** Every unit inside the scope, in the repository's order. */
  readonly units: readonly OrgUnitRecord[];
  readonly ids: ReadonlySet<string>;
  /** True when the scope holds every unit of the database (no filter needed). */
  readonly isEverything: boolean;
  private readonly byId: Map<string, OrgUnitRecord>;

  private constructor(
    allUnits: readonly OrgUnitRecord[],
    readonly rootId: string,
  ) {
    const ids = allUnits.some((u) => u.id === rootId)
      ? descendantIds(allUnits, rootId)
      : new Set<string>();
    this.ids = ids;
    this.units = allUnits.filter((u) => ids.has(u.id));
    this.isEverything = this.units.length === allUnits.length;
    this.byId = new Map(this.units.map((u) => [u.id, u]));
  }

  /**
   * The scope under `rootId` in this unit list. Kept per list (the repository hands out the same
   * list while the units are unchanged): a call resolves two or three scopes, and building one walks
   * the whole list (≈ 3 ms a time at province scale, most of a single enrollment's 18 ms before it
   * was kept; npm run bench, quota_enroll).
   */
  static of(allUnits: readonly OrgUnitRecord[], rootId: string): UnitScope {
    let byRoot = built.get(allUnits);
    if (!byRoot) {
      byRoot = new Map();
      built.set(allUnits, byRoot);
    }
    let scope = byRoot.get(rootId);
    if (!scope) {
      scope = new UnitScope(allUnits, rootId);
      byRoot.set(rootId, scope);
    }
    return scope;
  }

  static async load(orgs: OrgRepository, scope: Scope, tx?: Tx): Promise<UnitScope> {
    return UnitScope.of(await orgs.all(tx), scope.rootId);
  }

  get root(): OrgUnitRecord | undefined {
    return this.byId.get(this.rootId);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get(id: string): OrgUnitRecord | undefined {
    return this.byId.get(id);
  }

  /** The unit, or NOT_FOUND when it does not exist or lies outside the scope. */
  require(id: string, message = '找不到该单位，可能已被删除'): OrgUnitRecord {
    const unit = this.byId.get(id);
    if (!unit) throw new AppError('NOT_FOUND', message);
    return unit;
  }

  /**
   * The schools under `underId` (default: the whole scope) as a filter for teacher queries;
   * 'all' when that is every school of the database.
   */
  schools(underId?: string): string[] | 'all' {
    if (underId === undefined || underId === this.rootId) {
      if (this.isEverything) return 'all';
      return this.units.filter((u) => u.kind === 'school').map((u) => u.id);
    }
    this.require(underId, '找不到所选单位，可能已被删除');
    const under = descendantIds(this.units, underId);
    return this.units.filter((u) => u.kind === 'school' && under.has(u.id)).map((u) => u.id);
  }
}
