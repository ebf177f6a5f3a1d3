// The pages an operator may open, and where they land: the preset roles against the shell's real
// routes (routes.tsx), so a role that loses its last page is caught here, not as a blank window.
import { describe, expect, it } from 'vitest';
import { ROLE_PRESETS, type Permission } from '@shared/domain/auth/permissions';
import { landingRoute, routesFor } from '../../../renderer/src/app/route-access';
import { ROUTES } from '../../../renderer/src/app/routes';

const keysFor = (permissions: readonly Permission[]): string[] =>
  routesFor(ROUTES, permissions).map((r) => r.key);

const preset = (code: string): readonly Permission[] =>
  ROLE_PRESETS.find((r) => r.code === code)?.permissions ?? [];

describe('routesFor', () => {
  it('keeps the pages whose right is held, and the ones that need none', () => {
    expect(keysFor(['org.read'])).toEqual(['org', 'system']);
    expect(keysFor([])).toEqual(['system']);
    expect(keysFor(['projects.read'])).toEqual(['projects', 'quotas', 'enrollment', 'system']);
  });

  it('gives each preset role the pages of its rights', () => {
    expect(keysFor(preset('admin'))).toEqual(['org', 'operators', 'audit', 'system']);
    expect(keysFor(preset('project_admin'))).toEqual([
      'roster',
      'org',
      'rules',
      'projects',
      'quotas',
      'enrollment',
      'system',
    ]);
    expect(keysFor(preset('school_officer'))).toEqual([
      'roster',
      'org',
      'rules',
      'projects',
      'quotas',
      'enrollment',
      'system',
    ]);
    expect(keysFor(preset('finance'))).toEqual(['org', 'system']);
    expect(keysFor(preset('viewer'))).toEqual([
      'roster',
      'org',
      'rules',
      'projects',
      'quotas',
      'enrollment',
      'system',
    ]);
  });

  it('takes the union of several roles', () => {
    expect(keysFor([...preset('finance'), ...preset('admin')])).toEqual([
      'org',
      'operators',
      'audit',
      'system',
    ]);
  });

  it('ignores rights it does not know', () => {
    expect(keysFor(['roster.read', 'something.else' as Permission])).toEqual(['roster', 'system']);
  });
});

describe('landingRoute', () => {
  it('is the preferred page when allowed', () => {
    expect(landingRoute(routesFor(ROUTES, preset('project_admin')), 'roster')).toBe('roster');
  });

  it('is the first allowed page otherwise, never a page the operator cannot open', () => {
    expect(landingRoute(routesFor(ROUTES, preset('admin')), 'roster')).toBe('org');
    expect(landingRoute(routesFor(ROUTES, preset('finance')), 'roster')).toBe('org');
  });

  it('is null only when nothing at all is allowed', () => {
    expect(landingRoute([], 'roster')).toBeNull();
  });

  it('leaves every preset role a page to land on', () => {
    for (const role of ROLE_PRESETS) {
      expect(landingRoute(routesFor(ROUTES, role.permissions), 'roster'), role.code).not.toBeNull();
    }
  });
});
