// The bridge transport's hand-written checks (renderer/src/api/http-transport.ts) accept exactly
// the shapes the schemas describe: the envelope, the upload's answer, the event names.
import { describe, expect, it } from 'vitest';
import { eventSchemas } from '@shared/api/events';
import { EVENT_NAMES } from '@shared/api/values';
import { asEnvelope, asUploadedFile } from '../../../renderer/src/api/http-transport';

describe('asEnvelope', () => {
  it.each([
    [{ ok: true, data: { rows: [] } }],
    [{ ok: true, data: null }],
    [{ ok: true }],
    [{ ok: false, error: { code: 'NOT_FOUND', message: '找不到' } }],
    [{ ok: false, error: { code: 'CONFLICT', message: '冲突', details: { id: 'x' } } }],
  ])('keeps a well-formed envelope %j as it is', (body) => {
    expect(asEnvelope(body)).toBe(body);
  });

  it.each([
    [undefined],
    [null],
    ['ok'],
    [[{ ok: true, data: 1 }]],
    [{ ok: 'true', data: 1 }],
    [{ ok: false }],
    [{ ok: false, error: 'NOT_FOUND' }],
    [{ ok: false, error: { code: 404, message: '找不到' } }],
    [{ ok: false, error: { code: 'NOT_FOUND' } }],
  ])('refuses %j', (body) => {
    expect(asEnvelope(body)).toBeNull();
  });
});

describe('asUploadedFile', () => {
  const handle = 'A'.repeat(20) + 'b_-'.repeat(4);

  it('takes the bridge answer to an upload', () => {
    expect(asUploadedFile({ handle, fileName: '花名册.xlsx', size: 1024, extra: 1 })).toEqual({
      handle,
      fileName: '花名册.xlsx',
      size: 1024,
    });
  });

  it.each([
    [{ handle: 'short', fileName: 'a.xlsx', size: 1 }],
    [{ handle: `${handle.slice(1)}/`, fileName: 'a.xlsx', size: 1 }],
    [{ handle, fileName: 7, size: 1 }],
    [{ handle, fileName: 'a.xlsx', size: -1 }],
    [{ handle, fileName: 'a.xlsx', size: 1.5 }],
    [{ handle, fileName: 'a.xlsx' }],
    [null],
  ])('refuses %j', (data) => {
    expect(asUploadedFile(data)).toBeNull();
  });
});

it('listens for every event the core sends, and only those', () => {
  expect([...EVENT_NAMES].sort()).toEqual(Object.keys(eventSchemas).sort());
});
