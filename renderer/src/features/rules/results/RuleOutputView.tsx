/** The result of one evaluated part, in the view made for its kind. */
import { type PartOutput, type PartRuleSet } from '@shared/domain/rules';
import { AssessmentResult } from './AssessmentResult';
import { CalendarResult } from './CalendarResult';
import { CreditsResult } from './CreditsResult';
import { PointsResult } from './PointsResult';
import { QuotaResult } from './QuotaResult';

export function RuleOutputView({ output, part }: { output: PartOutput; part: PartRuleSet }) {
  if (output.kind === 'assessment' && part.kind === 'assessment')
    return <AssessmentResult output={output} ruleSet={part} />;
  if (output.kind === 'points' && part.kind === 'points')
    return <PointsResult output={output} ruleSet={part} />;
  if (output.kind === 'credits') return <CreditsResult output={output} />;
  if (output.kind === 'calendar') return <CalendarResult output={output} />;
  if (output.kind === 'quota-policy') return <QuotaResult output={output} />;
  return null;
}
