/**
 * Use-cases of the rule engine: presets and saved rule sets, validation and evaluation. The rules
 * themselves are pure functions in shared/domain/rules; this service only finds the rule set,
 * persists the ones an office adjusted (audited), and turns engine errors into envelopes.
 */
import { AppError } from '@shared/api/envelope';
import { type RuleIssueDto, type RuleSetSummary } from '@shared/api/rules.contract';
import {
  evaluateRuleSet,
  getPreset,
  kindsOf,
  listPresets,
  validateRuleSet,
  type RuleSet,
} from '@shared/domain/rules';
import { type CallContext } from '../../core/handler-types';
import { writeTx } from '../../core/write-path';
import { type RuleSetEntity } from '../../db/entities/rule-set.entity';
import { type ServiceContext } from '../../core/service-context';
import { RuleSetRepository } from './rule-set.repository';

function presetSummaries(): RuleSetSummary[] {
  return listPresets().map((p) => ({
    id: p.id,
    name: p.name,
    kinds: p.kinds,
    isPreset: true,
    basedOn: null,
    rule: p.rule,
    document: p.document,
    summary: p.summary,
    updatedAt: null,
  }));
}

function savedSummary(row: RuleSetEntity): RuleSetSummary {
  const body = JSON.parse(row.body) as RuleSet;
  return {
    id: row.id,
    name: row.name,
    kinds: kindsOf(body),
    isPreset: false,
    basedOn: row.basedOn,
    rule: null,
    document: null,
    summary: body.description,
    updatedAt: row.updatedAt,
  };
}

function issuesError(message: string, errors: RuleIssueDto[]): AppError {
  const first = errors
    .slice(0, 3)
    .map((e) => (e.path ? `${e.path}：${e.message}` : e.message))
    .join('；');
  return new AppError(
    'INVALID_INPUT',
    `${message}：${first}${errors.length > 3 ? ` 等 ${errors.length} 处` : ''}`,
    errors,
  );
}

export class RulesService {
  private readonly repo: RuleSetRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new RuleSetRepository(ctx.db);
  }

  async list(): Promise<RuleSetSummary[]> {
    const saved = await this.repo.all();
    return [...presetSummaries(), ...saved.map(savedSummary)];
  }

  /** A preset or a saved rule set, or NOT_FOUND. */
  async get(id: string): Promise<{ summary: RuleSetSummary; ruleSet: RuleSet }> {
    const preset = getPreset(id);
    if (preset) {
      const summary = presetSummaries().find((p) => p.id === id);
      if (!summary) throw new AppError('INTERNAL', `预设 ${id} 缺少说明`);
      return { summary, ruleSet: preset };
    }
    const row = await this.repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `找不到规则集「${id}」`);
    return { summary: savedSummary(row), ruleSet: JSON.parse(row.body) as RuleSet };
  }

  validate(json: unknown): { isValid: boolean; errors: RuleIssueDto[] } {
    const parsed = validateRuleSet(json);
    return parsed.ok ? { isValid: true, errors: [] } : { isValid: false, errors: parsed.errors };
  }

  async save(json: unknown, basedOn: string | null, call: CallContext): Promise<RuleSetSummary> {
    const tx = writeTx(call);
    const parsed = validateRuleSet(json);
    if (!parsed.ok) throw issuesError('规则集有误，未保存', parsed.errors);
    const ruleSet = parsed.data;
    if (getPreset(ruleSet.id)) {
      throw new AppError(
        'CONFLICT',
        `「${ruleSet.id}」是内置预设的编号，请给调整后的规则集另起一个编号`,
      );
    }
    const existing = await this.repo.byId(ruleSet.id, tx);
    const now = this.ctx.now();
    const row: RuleSetEntity = {
      id: ruleSet.id,
      name: ruleSet.name,
      kinds: kindsOf(ruleSet).join(','),
      basedOn: basedOn ?? existing?.basedOn ?? null,
      body: JSON.stringify(ruleSet),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.repo.upsert(tx, row);
    call.audit?.({
      entityId: ruleSet.id,
      summary: `${existing ? '修改' : '新建'}规则集「${ruleSet.name}」（${ruleSet.id}）${row.basedOn ? `，基于 ${row.basedOn}` : ''}`,
      details: { basedOn: row.basedOn, isNew: !existing },
    });
    return savedSummary(row);
  }

  async delete(id: string, call: CallContext): Promise<void> {
    const tx = writeTx(call);
    if (getPreset(id)) throw new AppError('FORBIDDEN', '内置预设不能删除');
    const row = await this.repo.byId(id, tx);
    if (!row) throw new AppError('NOT_FOUND', `找不到规则集「${id}」`);
    await this.repo.delete(tx, id);
    call.audit?.({ entityId: id, summary: `删除规则集「${row.name}」（${id}）` });
  }

  async evaluate(input: {
    ruleSetId?: string;
    ruleSet?: unknown;
    input: unknown;
    now: string;
    detail: 'full' | 'totals';
  }): Promise<{ output: unknown }> {
    let ruleSet: RuleSet;
    if (input.ruleSetId !== undefined) {
      ruleSet = (await this.get(input.ruleSetId)).ruleSet;
    } else {
      const parsed = validateRuleSet(input.ruleSet);
      if (!parsed.ok) throw issuesError('规则集有误', parsed.errors);
      ruleSet = parsed.data;
    }
    const result = evaluateRuleSet(ruleSet, input.input, { now: input.now, detail: input.detail });
    if (!result.ok) throw issuesError('输入数据有误', result.errors);
    return { output: result.output };
  }
}
