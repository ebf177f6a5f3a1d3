/** The worked examples of docs/rules.md are real: each validates, evaluates and shows real output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRuleSet, validateRuleSet } from '@shared/domain/rules';

const markdown = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
const blocks = [...markdown.matchAll(/```json (rule-set|input|output)\n([\s\S]*?)```/g)].map(
  (match) => ({
    tag: match[1] as 'rule-set' | 'input' | 'output',
    json: JSON.parse(match[2] ?? 'null') as unknown,
  }),
);

interface Example {
  ruleSet: unknown;
  input: unknown;
  output: unknown;
}

const examples: Example[] = [];
for (let i = 0; i + 2 < blocks.length + 0; i += 3) {
  const [ruleSet, input, output] = [blocks[i], blocks[i + 1], blocks[i + 2]];
  if (ruleSet?.tag !== 'rule-set' || input?.tag !== 'input' || output?.tag !== 'output') {
    throw new Error(`docs/rules.md: expected rule-set, input, output blocks at block ${i}`);
  }
  examples.push({ ruleSet: ruleSet.json, input: input.json, output: output.json });
}

describe('docs/rules.md examples', () => {
  it('has one example per kind', () => {
    expect(examples.map((example) => (example.ruleSet as { kind: string }).kind)).toEqual([
      'assessment',
      'points',
      'credits',
      'calendar',
      'quota-policy',
    ]);
  });

  it.each(examples.map((example) => [(example.ruleSet as { id: string }).id, example] as const))(
    '%s validates, evaluates and matches the output shown',
    (_id, example) => {
      const parsed = validateRuleSet(example.ruleSet);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const result = evaluateRuleSet(parsed.data, example.input, { now: '2024-09-01' });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.output).toMatchObject(example.output as object);
    },
  );
});
