import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../web/src/signin/same-origin-path.js';

const page = 'https://feedback.example-bank.com/signin?next=x';

describe('where sign-in leads afterwards (next)', () => {
  it.each([
    ['/staff', '/staff'],
    ['/staff?view=overdue#c1', '/staff?view=overdue#c1'],
    ['/report?month=2026-10', '/report?month=2026-10'],
    ['staff', '/staff'],
  ])('keeps a path on this site: %s → %s', (next, expected) => {
    expect(sameOriginPath(next, page)).toBe(expected);
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example/x',
    '/\t/evil.example/x',
    '\\\\evil.example/x',
    '/\\/evil.example',
    'https://evil.example/x',
    'javascript:alert(1)',
    'http://feedback.example-bank.com/staff',
    'https://feedback.example-bank.com.evil.example/staff',
    'data:text/html,<script>alert(1)</script>',
    // Dot segments that resolve to a path starting with `//`, which a browser then reads as a host.
    '/.//evil.example',
    '/..//evil.example/x',
    '/staff/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.///evil.example',
    '/./\\evil.example',
    './/evil.example',
    '/staff/../..//evil.example',
  ])('refuses anything that leaves the site: %j', (next) => {
    expect(sameOriginPath(next, page)).toBeUndefined();
  });

  it('keeps what it answers when answered again: the kept path never leaves the site when followed', () => {
    for (const next of ['/staff/./inbox', '/staff/../dashboard', '/a//b']) {
      const kept = sameOriginPath(next, page);
      expect(kept).toBeDefined();
      expect(new URL(kept ?? '', page).origin).toBe(new URL(page).origin);
      expect(sameOriginPath(kept, page)).toBe(kept);
    }
  });

  it('gives nothing when there is no next', () => {
    expect(sameOriginPath(null, page)).toBeUndefined();
    expect(sameOriginPath('', page)).toBeUndefined();
  });
});
