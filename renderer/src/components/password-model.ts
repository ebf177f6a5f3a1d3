/**
 * The checks behind the password fields, as plain functions: the shared policy (the core applies
 * the same one and decides), and the confirmation.
 */
import { checkPasswordPolicy } from '@shared/domain/auth/password-policy';
import { PASSWORD_TEXT } from './components.strings';

/** What is wrong with `password` for `userName`, or null when the policy is met. */
export function passwordProblem(password: string, userName: string): string | null {
  if (password === '') return PASSWORD_TEXT.required;
  const result = checkPasswordPolicy(password, userName);
  return result.ok ? null : result.message;
}

/** What is wrong with the repeated password, or null when it matches. */
export function confirmProblem(password: string, confirm: string): string | null {
  if (confirm === '') return PASSWORD_TEXT.confirmRequired;
  return confirm === password ? null : PASSWORD_TEXT.mismatch;
}
