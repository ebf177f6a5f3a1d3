/**
 * The readable view of any rule set: each kind rendered as labelled tables, and a bundle as its
 * parts one after another, each under its own heading with its own description.
 */
import { Typography } from 'antd';
import { RULE_KIND_LABEL, type PartRuleSet, type RuleSet } from '@shared/domain/rules';
import { DETAIL_TEXT } from '../rules.strings';
import { AssessmentRules } from './AssessmentRules';
import { CalendarRules } from './CalendarRules';
import { CreditsRules } from './CreditsRules';
import { PointsRules } from './PointsRules';
import { QuotaPolicyRules } from './QuotaPolicyRules';

function PartRules({ part }: { part: PartRuleSet }) {
  switch (part.kind) {
    case 'assessment':
      return <AssessmentRules ruleSet={part} />;
    case 'points':
      return <PointsRules ruleSet={part} />;
    case 'credits':
      return <CreditsRules ruleSet={part} />;
    case 'calendar':
      return <CalendarRules ruleSet={part} />;
    case 'quota-policy':
      return <QuotaPolicyRules ruleSet={part} />;
  }
}

export function RuleSetView({ ruleSet }: { ruleSet: RuleSet }) {
  if (ruleSet.kind !== 'bundle') {
    return (
      <div data-testid={`rules-part-${ruleSet.kind}`}>
        <PartRules part={ruleSet} />
      </div>
    );
  }
  return (
    <>
      {ruleSet.parts.map((part) => (
        <div key={part.kind} className="rules-part" data-testid={`rules-part-${part.kind}`}>
          <Typography.Title level={5} className="rules-part-title">
            {DETAIL_TEXT.partTitle(RULE_KIND_LABEL[part.kind], part.name)}
          </Typography.Title>
          {part.description && (
            <Typography.Paragraph type="secondary" className="rules-part-description">
              {part.description}
            </Typography.Paragraph>
          )}
          <PartRules part={part} />
        </div>
      ))}
    </>
  );
}
