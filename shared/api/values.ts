/**
 * The API's fixed value lists as plain arrays, without the validation library. The schemas
 * (common.schemas.ts, events.ts) are built from them, and the UI's first screen takes its choices
 * from here (the roster's filters, the event names), so starting the app does not load and set up
 * zod: that was ≈ 20 ms of a cold start's CPU profile (BENCH_ONLY=first-paint).
 */
export const ORG_KINDS = ['province', 'city', 'district', 'school'] as const;

export const STAGES = ['幼儿园', '小学', '初中', '高中', '中职'] as const;

export const EMPLOYMENT_STATUSES = ['在职', '借调', '离岗', '退休', '调出'] as const;

/** A file handle: the core's name for an uploaded or exported file (32 URL-safe characters). */
export const FILE_HANDLE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** Which part of the data changed, so open views can refresh (the `data/changed` event). */
export const DATA_SCOPES = [
  'org',
  'roster',
  'rules',
  'audit',
  'operators',
  'settings',
  'projects',
] as const;

/** The events the core pushes to the UI (their payloads: events.ts). */
export const EVENT_NAMES = ['job/progress', 'data/changed', 'app/menu'] as const;
