/** A quota policy in words: the split method, minimums, the level-sum check and the coverage floor. */
import { type QuotaPolicyRuleSet } from '@shared/domain/rules';
import { ORG_KIND_LABELS } from '../../../components/components.strings';
import { ENUM_TEXT, QUOTA_VIEW_TEXT } from '../rules.strings';
import { Section, Settings } from './Section';

const T = QUOTA_VIEW_TEXT;

export function QuotaPolicyRules({ ruleSet }: { ruleSet: QuotaPolicyRuleSet }) {
  const floor = ruleSet.coverageFloor;
  return (
    <Section title={T.title}>
      <Settings
        testId="quota-rules"
        items={[
          { key: 'method', label: T.method, value: T.methodText },
          { key: 'tie', label: T.tieBreak, value: T.tieBreakText },
          {
            key: 'minimum',
            label: T.defaultMinimum,
            value: T.minimumText(ruleSet.allocation.defaultMinimum),
          },
          { key: 'sums', label: T.childSums, value: T.childSumsText(ruleSet.checkChildSums) },
          {
            key: 'coverage',
            label: T.coverage,
            value: floor
              ? T.coverageText(
                  ORG_KIND_LABELS[floor.orgKind],
                  floor.minPercent,
                  ENUM_TEXT.coverageMeasure[floor.measure] ?? floor.measure,
                )
              : T.noCoverage,
            testId: 'quota-coverage',
          },
        ]}
      />
    </Section>
  );
}
