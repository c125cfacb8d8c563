import { describe, expect, it } from 'vitest';
import { formatRole, parseRole } from '../../functions/auth/principal.js';
import { principalFromClaims } from '../../functions/auth/token-verifier.js';

describe('roles from identity-provider groups', () => {
  it.each([
    ['admin', { kind: 'admin' }],
    ['head-office', { kind: 'head-office' }],
    ['dept:cards', { kind: 'department', departmentId: 'cards' }],
    ['outlet:sh-jingan', { kind: 'outlet', outletId: 'sh-jingan' }],
  ])('reads %s', (group, role) => {
    expect(parseRole(group)).toEqual(role);
    expect(formatRole(parseRole(group) ?? { kind: 'admin' })).toBe(group);
  });

  it.each(['', 'dept:', 'dept:a:b', 'root', 'outlet'])('ignores %j', (group) => {
    expect(parseRole(group)).toBeUndefined();
  });

  it('reads Cognito-style claims and drops unknown groups', () => {
    expect(
      principalFromClaims({
        'cognito:username': 'li',
        'cognito:groups': ['dept:cards', 'weird', 3, 'dept:no-such-department'],
        name: 'Li',
      }),
    ).toEqual({ username: 'li', displayName: 'Li', roles: [{ kind: 'department', departmentId: 'cards' }] });
    expect(principalFromClaims({})).toBeUndefined();
  });
});
