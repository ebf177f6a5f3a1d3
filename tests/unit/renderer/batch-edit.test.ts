// Editing a project's batch calendar: who may, what changed, and the core's refusals read back.
import { describe, expect, it } from 'vitest';
import { type BatchRow } from '@shared/api/projects.contract';
import {
  asksForReason,
  batchIssues,
  changedBatches,
  holdsOrganizer,
} from '../../../renderer/src/features/projects/batch-edit';

const batch = (no: number, patch: Partial<BatchRow> = {}): BatchRow => ({
  id: `b${no}`,
  no,
  name: `第 ${no} 期`,
  startsOn: '2027-03-01',
  endsOn: '2027-03-20',
  enrollFrom: '2027-02-01',
  enrollUntil: '2027-02-28',
  changeUntil: '2027-03-20',
  ...patch,
});

describe('holdsOrganizer', () => {
  const province = { id: 'p', name: '示范省', kind: 'province' as const };
  const city = { id: 'c', name: '示范市', kind: 'city' as const };
  it('holds its own unit and the units below it', () => {
    expect(holdsOrganizer(province, province)).toBe(true);
    expect(holdsOrganizer(province, city)).toBe(true);
    expect(holdsOrganizer(city, city)).toBe(true);
  });
  it('does not hold an organizer above it', () => {
    expect(holdsOrganizer(city, province)).toBe(false);
    expect(holdsOrganizer({ id: 's', kind: 'school' }, city)).toBe(false);
  });
});

describe('changedBatches', () => {
  it('sends only the batches that differ, with trimmed names and without their number', () => {
    const saved = [batch(1), batch(2)];
    const drafts = [batch(1), batch(2, { name: ' 第二期 ', enrollFrom: null })];
    expect(changedBatches(saved, drafts)).toEqual([
      {
        id: 'b2',
        name: '第二期',
        startsOn: '2027-03-01',
        endsOn: '2027-03-20',
        enrollFrom: null,
        enrollUntil: '2027-02-28',
        changeUntil: '2027-03-20',
      },
    ]);
    expect(changedBatches(saved, saved)).toEqual([]);
  });
});

describe('refusals', () => {
  it('reads the issues of a refused calendar and ignores other shapes', () => {
    const details = {
      issues: [{ no: 9, field: 'enrollUntil', message: '第 9 期：报名须在开班之前截止' }, 'x'],
    };
    expect(batchIssues(details)).toEqual([
      { no: 9, field: 'enrollUntil', message: '第 9 期：报名须在开班之前截止' },
    ]);
    expect(batchIssues({ field: 'reason' })).toEqual([]);
    expect(batchIssues(undefined)).toEqual([]);
  });
  it('tells a request for a reason apart', () => {
    expect(asksForReason({ field: 'reason' })).toBe(true);
    expect(asksForReason({ issues: [] })).toBe(false);
    expect(asksForReason(null)).toBe(false);
  });
});
