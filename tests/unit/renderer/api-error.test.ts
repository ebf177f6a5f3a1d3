// The renderer's one error shape: codes from the core, the client's own NETWORK, anything else thrown.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@shared/api/envelope';
import {
  ApiError,
  isApiError,
  isCancelled,
  isErrorCode,
  toApiError,
  type ClientErrorCode,
} from '../../../renderer/src/api/api-error';
import { ERROR_TITLES } from '../../../renderer/src/api/api.strings';

describe('ApiError.fromBody', () => {
  it.each<[string, string, ClientErrorCode]>([
    ['a code the core sends', 'NOT_FOUND', 'NOT_FOUND'],
    ['a cancellation', 'CANCELLED', 'CANCELLED'],
    ["the client's own NETWORK", 'NETWORK', 'NETWORK'],
    ['a code from a newer core', 'QUOTA_EXCEEDED', 'INTERNAL'],
    ['a code in the wrong case', 'not_found', 'INTERNAL'],
    ['an empty code', '', 'INTERNAL'],
  ])('keeps %s as %s', (_name, code, expected) => {
    const details = [{ path: ['name'], message: '不能为空' }];
    const error = ApiError.fromBody({ code, message: '核心的说明', details });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe(expected);
    // The core's own message is kept even for an unknown code: it is what the user can act on.
    expect(error.message).toBe('核心的说明');
    expect(error.details).toBe(details);
    expect(error.name).toBe('ApiError');
  });
});

describe('isErrorCode', () => {
  it.each(ERROR_CODES.map((code) => [code]))('knows %s', (code) => {
    expect(isErrorCode(code)).toBe(true);
  });

  it.each<[unknown]>([['NETWORK'], ['cancelled'], [''], [42], [null], [undefined]])(
    'rejects %j',
    (value) => {
      expect(isErrorCode(value)).toBe(false);
    },
  );
});

describe('isApiError and isCancelled', () => {
  it.each<[string, unknown, boolean, boolean]>([
    ['a cancelled ApiError', new ApiError('CANCELLED', '已取消'), true, true],
    ['another ApiError', new ApiError('BAD_FILE', '文件损坏'), true, false],
    ['a NETWORK ApiError', new ApiError('NETWORK', '无法连接'), true, false],
    ['a plain Error', new Error('CANCELLED'), false, false],
    ['an object that looks like one', { code: 'CANCELLED', message: '已取消' }, false, false],
    ['a string', 'CANCELLED', false, false],
    ['undefined', undefined, false, false],
  ])('%s', (_name, value, isApi, isCancel) => {
    expect(isApiError(value)).toBe(isApi);
    expect(isCancelled(value)).toBe(isCancel);
  });
});

describe('toApiError', () => {
  it('returns an ApiError as it is', () => {
    const error = new ApiError('CONFLICT', '已存在');
    expect(toApiError(error)).toBe(error);
  });

  it.each<[string, unknown, string]>([
    ['an Error', new TypeError('x is undefined'), 'x is undefined'],
    ['a string', '出错了', '出错了'],
    ['a number', 404, '404'],
    ['null', null, 'null'],
  ])('turns %s into INTERNAL with its text', (_name, thrown, message) => {
    const error = toApiError(thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe(message);
  });
});

describe('ERROR_TITLES', () => {
  it.each([...ERROR_CODES, 'NETWORK' as const].map((code) => [code]))(
    'has a Chinese title for %s',
    (code) => {
      expect(ERROR_TITLES[code]).toMatch(/\p{Script=Han}/u);
    },
  );
});
