/**
 * A new operator's user name inside an antd Form, checked as it is typed with the core's own rule
 * (2–32 letters, digits or . _ -, no letter case), as PasswordFields checks the password.
 */
import { Form, Input } from 'antd';
import { checkUserName, USER_NAME_MAX } from '@shared/domain/auth/password-policy';

interface UserNameFieldProps {
  name: string;
  label: string;
  hint: string;
  placeholder: string;
  /** 'username' where a browser may remember it (one's own account), else 'off'. */
  autoComplete: 'username' | 'off';
  testId: string;
}

export function UserNameField({
  name,
  label,
  hint,
  placeholder,
  autoComplete,
  testId,
}: UserNameFieldProps) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={hint}
      rules={[
        {
          validator: (_rule, value: unknown) => {
            const result = checkUserName(typeof value === 'string' ? value : '');
            return result.ok ? Promise.resolve() : Promise.reject(new Error(result.message));
          },
        },
      ]}
    >
      <Input
        maxLength={USER_NAME_MAX}
        autoComplete={autoComplete}
        placeholder={placeholder}
        data-testid={testId}
      />
    </Form.Item>
  );
}
