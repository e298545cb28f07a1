import { BootstrapAdminKey, claimsGrantAdmin } from './admin-role';

describe('admin role', () => {
  it.each([
    [{ roles: ['user', 'admin'] }, 'roles', true],
    [{ roles: 'admin' }, 'roles', true],
    [{ roles: 'user admin' }, 'roles', true],
    [{ roles: 'user,admin' }, 'roles', true],
    [{ roles: ['user'] }, 'roles', false],
    [{ roles: 'administrator' }, 'roles', false],
    [{ roles: { admin: true } }, 'roles', false],
    [{ role: 'admin' }, 'roles', false],
    [{ realm_access: { roles: ['admin'] } }, 'realm_access.roles', true],
    [{ realm_access: ['admin'] }, 'realm_access.roles', false],
    [{}, 'realm_access.roles', false],
  ])('claims %j at %s grant admin: %s', (claims, path, expected) => {
    expect(claimsGrantAdmin(claims, path)).toBe(expected);
  });

  it('matches the bootstrap key exactly, whatever the candidate length', () => {
    const key = new BootstrapAdminKey('k'.repeat(40));
    expect(key.matches('k'.repeat(40))).toBe(true);
    expect(key.matches('k'.repeat(39))).toBe(false);
    expect(key.matches('k'.repeat(41))).toBe(false);
    expect(key.matches('')).toBe(false);
  });
});
