import { describe, expect, it } from 'vitest';
import type { Rectification } from '../../functions/domain/supervision/rectification.js';
import { rectificationNotice } from '../../functions/domain/supervision/rectification-notice.js';
import { pageFor } from '../../web/page-routes.js';

const task: Rectification = {
  id: 'insp-1.env-clean',
  inspectionId: 'insp-1',
  outletId: 'sh-jingan',
  regionId: 'shanghai',
  itemId: 'env-clean',
  redLine: false,
  repeated: false,
  foundAt: '2026-10-12T02:00:00.000Z',
  dueAt: '2026-10-27T15:59:59.999Z',
  status: 'open',
  version: 1,
};

describe('the rectification alerts link to the rectification page', () => {
  it.each(['remind', 'escalate'] as const)(
    'a %s links to /rectify for the outlet, a page that exists',
    (kind) => {
      const notice = rectificationNotice(task, kind, 'https://feedback.example.com');
      expect(notice.body.tasksUrl).toBe('https://feedback.example.com/rectify?outletId=sh-jingan');
      const { pathname } = new URL(String(notice.body.tasksUrl));
      expect(pageFor(pathname)).toBe('rectify.html');
    },
  );

  it('escapes an outlet id that needs it in the query', () => {
    const notice = rectificationNotice({ ...task, outletId: 'a&b' }, 'remind', 'https://x.example');
    expect(new URL(String(notice.body.tasksUrl)).searchParams.get('outletId')).toBe('a&b');
  });
});
