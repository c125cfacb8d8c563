import { describe, expect, it } from 'vitest';
import { departmentIds } from '../../functions/config/departments.js';
import { defaultRoutingRules } from '../../functions/domain/default-routing-rules.js';
import { say } from '../../functions/domain/messages.js';
import { checkRules, decideRoute, type RoutingRules } from '../../functions/domain/routing.js';

const rules: RoutingRules = {
  ...defaultRoutingRules,
  regionOverrides: [{ regionId: 'beijing', categoryId: 'waiting-time', departmentId: 'retail-banking' }],
  outletOverrides: [
    { outletId: 'bj-guomao', categoryId: 'waiting-time', departmentId: 'consumer-protection' },
  ],
};
const at = (outletId: string, regionId: string, categoryId: string, recentSameCategory = 0) => ({
  outletId,
  regionId,
  categoryId,
  recentSameCategory,
});

describe('complaint routing', () => {
  it('sends a category to its department', () => {
    expect(decideRoute(rules, at('sh-jingan', 'shanghai', 'waiting-time'))).toMatchObject({
      departmentId: 'operations',
      severity: 'normal',
      escalated: false,
      timeLimitDays: 15,
    });
  });

  it('lets a region override the category, and an outlet override the region', () => {
    expect(decideRoute(rules, at('bj-wangfujing', 'beijing', 'waiting-time')).departmentId).toBe(
      'retail-banking',
    );
    const outlet = decideRoute(rules, at('bj-guomao', 'beijing', 'waiting-time'));
    expect(outlet.departmentId).toBe('consumer-protection');
    expect(outlet.reasons).toHaveLength(3);
  });

  it('escalates major categories to head office', () => {
    expect(decideRoute(rules, at('sh-jingan', 'shanghai', 'mis-selling'))).toMatchObject({
      severity: 'major',
      escalated: true,
      recurring: false,
    });
  });

  it('escalates the third complaint of one outlet and category within the window', () => {
    expect(decideRoute(rules, at('sh-jingan', 'shanghai', 'fees-and-charges', 1)).escalated).toBe(false);
    const third = decideRoute(rules, at('sh-jingan', 'shanghai', 'fees-and-charges', 2));
    expect(third).toMatchObject({ severity: 'major', escalated: true, recurring: true });
    expect(third.reasons.at(-1)).toContain('recurring: 3 complaints');
  });

  it('refuses an unknown category', () => {
    expect(() => decideRoute(rules, at('sh-jingan', 'shanghai', 'nope'))).toThrow(
      /Unknown complaint category/,
    );
  });
});

describe('rule checks', () => {
  it('accept the defaults', () => {
    expect(checkRules(defaultRoutingRules, departmentIds)).toEqual({});
  });

  it('name duplicate categories, unknown departments and dangling overrides by path', () => {
    const first = defaultRoutingRules.categories[0];
    if (!first) throw new Error('no categories');
    const broken: RoutingRules = {
      ...defaultRoutingRules,
      categories: [
        ...defaultRoutingRules.categories,
        { ...first },
        { ...first, id: 'x', departmentId: 'nobody' },
      ],
      outletOverrides: [{ outletId: 'o', categoryId: 'ghost', departmentId: 'cards' }],
    };
    const n = defaultRoutingRules.categories.length;
    const problems = checkRules(broken, departmentIds);
    expect(Object.fromEntries(Object.entries(problems).map(([path, m]) => [path, say('en', m)]))).toEqual({
      [`categories.${n}.id`]: `Duplicate category "${first.id}"`,
      [`categories.${n + 1}.departmentId`]: 'No department "nobody"',
      'outletOverrides.0.categoryId': 'No category "ghost"',
    });
  });
});
