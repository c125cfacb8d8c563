/**
 * Who is calling, and what their roles let them do. Roles come from identity-provider groups:
 * `admin`, `head-office`, `dept:<departmentId>` (staff of a department) and `outlet:<outletId>`
 * (manager of an outlet, read-only on it).
 */
export type Role =
  | { kind: 'admin' }
  | { kind: 'head-office' }
  | { kind: 'department'; departmentId: string }
  | { kind: 'outlet'; outletId: string };

export interface Principal {
  username: string;
  displayName: string;
  roles: Role[];
}

export function parseRole(group: string): Role | undefined {
  if (group === 'admin') return { kind: 'admin' };
  if (group === 'head-office') return { kind: 'head-office' };
  const [prefix, id, ...rest] = group.split(':');
  if (!id || rest.length > 0) return undefined;
  if (prefix === 'dept') return { kind: 'department', departmentId: id };
  if (prefix === 'outlet') return { kind: 'outlet', outletId: id };
  return undefined;
}

export function formatRole(role: Role): string {
  switch (role.kind) {
    case 'admin':
    case 'head-office':
      return role.kind;
    case 'department':
      return `dept:${role.departmentId}`;
    case 'outlet':
      return `outlet:${role.outletId}`;
  }
}

export const isAdmin = (p: Principal) => p.roles.some((r) => r.kind === 'admin');
export const isHeadOffice = (p: Principal) => p.roles.some((r) => r.kind === 'head-office');
export const departmentsOf = (p: Principal) =>
  p.roles.flatMap((r) => (r.kind === 'department' ? [r.departmentId] : []));
export const outletsOf = (p: Principal) => p.roles.flatMap((r) => (r.kind === 'outlet' ? [r.outletId] : []));
