/**
 * A new password and its confirmation, inside an antd Form: the password policy is checked as the
 * person types (the same check the core makes), so a refusal after submitting is the exception.
 * The user name the password must differ from is a fixed value or another field of the form.
 */
import { Form, Input } from 'antd';
import { PASSWORD_TEXT } from './components.strings';
import { confirmProblem, passwordProblem } from './password-model';

interface PasswordFieldsProps {
  /** Form field names of the password and its confirmation. */
  name: string;
  confirmName: string;
  label?: string;
  confirmLabel?: string;
  /** The user name the password must not equal: fixed, or read from this form field. */
  userName?: string;
  userNameField?: string;
  testId: string;
}

export function PasswordFields({
  name,
  confirmName,
  label = PASSWORD_TEXT.password,
  confirmLabel = PASSWORD_TEXT.confirm,
  userName = '',
  userNameField,
  testId,
}: PasswordFieldsProps) {
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        dependencies={userNameField ? [userNameField] : []}
        extra={PASSWORD_TEXT.policyHint}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) => {
              const forUser = userNameField
                ? String((getFieldValue(userNameField) as unknown) ?? '')
                : userName;
              const problem = passwordProblem(typeof value === 'string' ? value : '', forUser);
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testId} />
      </Form.Item>
      <Form.Item
        name={confirmName}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) => {
              const password = String((getFieldValue(name) as unknown) ?? '');
              const problem = confirmProblem(password, typeof value === 'string' ? value : '');
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testId}-confirm`} />
      </Form.Item>
    </>
  );
}
