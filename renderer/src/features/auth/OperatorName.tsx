/** 姓名（用户名）: the login name is shown as typed, never translated. */
import { type Me } from '@shared/api/auth.contract';

export function OperatorName({ me }: { me: Pick<Me, 'displayName' | 'userName'> }) {
  return (
    <span data-testid="operator-name">
      {me.displayName}（<span translate="no">{me.userName}</span>）
    </span>
  );
}
