/** The kinds a rule set covers, as coloured tags with their Chinese names. */
import { Tag } from 'antd';
import { RULE_KIND_LABEL, type RuleKind } from '@shared/domain/rules';
import { KIND_TAG_COLOR } from './rules.strings';

export function KindTags({ kinds }: { kinds: readonly RuleKind[] }) {
  return (
    <span className="rules-kind-tags">
      {kinds.map((kind) => (
        <Tag key={kind} color={KIND_TAG_COLOR[kind]} data-kind={kind}>
          {RULE_KIND_LABEL[kind]}
        </Tag>
      ))}
    </span>
  );
}
