/**
 * The password policy and the rules for user names, checked the same way in the UI (as the user
 * types) and in the core (which decides). Messages are Chinese, for people.
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export type PolicyResult = { ok: true } | { ok: false; message: string };

/** ≥ 8 characters, not only digits, not the user name (in any letter case), at most 128. */
export function checkPasswordPolicy(password: string, userName: string): PolicyResult {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, message: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, message: `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符` };
  }
  let isDigitsOnly = true;
  for (let i = 0; i < password.length; i += 1) {
    const c = password.charCodeAt(i);
    if (c < 48 || c > 57) {
      isDigitsOnly = false;
      break;
    }
  }
  if (isDigitsOnly) return { ok: false, message: '密码不能全是数字，请加入字母或符号' };
  if (userName.trim() !== '' && password.toLowerCase() === userName.trim().toLowerCase()) {
    return { ok: false, message: '密码不能与用户名相同' };
  }
  if (password.trim() !== password) return { ok: false, message: '密码首尾不能是空格' };
  return { ok: true };
}

export const USER_NAME_MAX = 32;

/**
 * User names: 2–32 letters, digits, '.', '_' or '-', starting with a letter or digit; compared
 * without letter case (stored in lower case), so 'ZhangSan' and 'zhangsan' are one account.
 */
export function checkUserName(
  raw: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim().toLowerCase();
  if (value.length < 2 || value.length > USER_NAME_MAX) {
    return { ok: false, message: `用户名需要 2–${USER_NAME_MAX} 个字符` };
  }
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    const isAlnum = (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
    const isMark = c === 46 || c === 95 || c === 45;
    if (!isAlnum && !(isMark && i > 0)) {
      return {
        ok: false,
        message: '用户名只能用英文字母、数字和 . _ -，并以字母或数字开头',
      };
    }
  }
  return { ok: true, value };
}
