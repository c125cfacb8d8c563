/**
 * Who is calling, and what their roles let them do. Roles come from identity-provider groups:
 * `admin`, `head-office`, `dept:<departmentId>` (staff of a department), `outlet:<outletId>`
 * (manager of an outlet, read-only on its complaints, answers its rectifications),
 * `lobby:<outletId>` (the outlet's lobby manager: its self-checks), `inspector` (the supervision
 * centre: spot checks of any outlet) and `inspector:<regionId>` (a region's inspection team: the
 * monthly joint checks of its outlets).
 */
export type Role =
  | { kind: 'admin' }
  | { kind: 'head-office' }
  | { kind: 'department'; departmentId: string }
  | { kind: 'outlet'; outletId: string }
  | { kind: 'lobby'; outletId: string }
  | { kind: 'inspector' }
  | { kind: 'region-inspector'; regionId: string };

export interface Principal {
  username: string;
  displayName: string;
  roles: Role[];
}

export function parseRole(group: string): Role | undefined {
  if (group === 'admin') return { kind: 'admin' };
  if (group === 'head-office') return { kind: 'head-office' };
  if (group === 'inspector') return { kind: 'inspector' };
  const [prefix, id, ...rest] = group.split(':');
  if (!id || rest.length > 0) return undefined;
  if (prefix === 'dept') return { kind: 'department', departmentId: id };
  if (prefix === 'outlet') return { kind: 'outlet', outletId: id };
  if (prefix === 'lobby') return { kind: 'lobby', outletId: id };
  if (prefix === 'inspector') return { kind: 'region-inspector', regionId: id };
  return undefined;
}

export function formatRole(role: Role): string {
  switch (role.kind) {
    case 'admin':
    case 'head-office':
    case 'inspector':
      return role.kind;
    case 'department':
      return `dept:${role.departmentId}`;
    case 'outlet':
      return `outlet:${role.outletId}`;
    case 'lobby':
      return `lobby:${role.outletId}`;
    case 'region-inspector':
      return `inspector:${role.regionId}`;
  }
}

export const isAdmin = (p: Principal) => p.roles.some((r) => r.kind === 'admin');
export const isHeadOffice = (p: Principal) => p.roles.some((r) => r.kind === 'head-office');
export const departmentsOf = (p: Principal) =>
  p.roles.flatMap((r) => (r.kind === 'department' ? [r.departmentId] : []));
export const outletsOf = (p: Principal) => p.roles.flatMap((r) => (r.kind === 'outlet' ? [r.outletId] : []));
export const lobbiesOf = (p: Principal) => p.roles.flatMap((r) => (r.kind === 'lobby' ? [r.outletId] : []));
export const isSupervisionCentre = (p: Principal) => p.roles.some((r) => r.kind === 'inspector');
export const inspectedRegionsOf = (p: Principal) =>
  p.roles.flatMap((r) => (r.kind === 'region-inspector' ? [r.regionId] : []));
