/**
 * Which page answers which path. The local server and the CloudFront function (infra/web.ts)
 * both rewrite from this list, so a page is reachable at the same URL in both places.
 */
export interface PageRoute {
  /** Exact path, or a prefix ending in `/` that matches everything under it. */
  path: string;
  file: string;
}

export const pageRoutes: readonly PageRoute[] = [
  { path: '/', file: 'index.html' },
  { path: '/s/', file: 'survey.html' },
  { path: '/c', file: 'complaint.html' },
  { path: '/c/', file: 'complaint.html' },
  { path: '/t', file: 'track.html' },
  { path: '/signin', file: 'signin.html' },
  { path: '/admin', file: 'admin.html' },
  { path: '/posters', file: 'posters.html' },
  { path: '/staff', file: 'staff.html' },
  { path: '/dashboard', file: 'dashboard.html' },
  { path: '/report', file: 'report.html' },
  { path: '/circular', file: 'circular.html' },
  { path: '/rectify', file: 'rectify.html' },
  { path: '/inspect', file: 'inspect.html' },
  { path: '/mystery/', file: 'inspect.html' },
];

export function pageFor(pathname: string): string | undefined {
  return pageRoutes.find((route) =>
    route.path.endsWith('/') && route.path !== '/'
      ? pathname.startsWith(route.path)
      : pathname === route.path,
  )?.file;
}
