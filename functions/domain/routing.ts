import type { LocalizedText } from './language.js';
import { type Message, message } from './messages.js';

/**
 * Routing rules (data, edited by admins): which department handles a complaint of a category,
 * with per-region and per-outlet overrides, and which complaints are major. Major complaints —
 * a rule-flagged category, or a recurring pattern on one outlet and category — also go to head
 * office (重大、频发投诉).
 */
export type Severity = 'normal' | 'major';

export interface CategoryRule {
  id: string;
  name: LocalizedText;
  departmentId: string;
  severity: Severity;
  /** Days to decide, counted from receipt (default 15). */
  timeLimitDays: number;
}

export interface RoutingOverride {
  categoryId: string;
  departmentId: string;
}

export interface RoutingRules {
  categories: CategoryRule[];
  regionOverrides: (RoutingOverride & { regionId: string })[];
  outletOverrides: (RoutingOverride & { outletId: string })[];
  recurring: { threshold: number; windowDays: number };
}

export interface RoutingInput {
  categoryId: string;
  outletId: string;
  regionId: string;
  /** Complaints of the same outlet and category in the recurring window, not counting this one. */
  recentSameCategory: number;
}

export interface RoutingDecision {
  departmentId: string;
  severity: Severity;
  /** Sent to head office as well as to the department. */
  escalated: boolean;
  recurring: boolean;
  timeLimitDays: number;
  /** Whose rule chose the department: the category's default, or a region's or outlet's override. */
  chosenBy: 'category' | 'region' | 'outlet';
  /** Complaints of this category at this outlet within the recurring window, this one included. */
  sameCategoryCount: number;
  /** Why, in order, for the audit trail (the admin preview says it in words: services/routing-rules-service.ts). */
  reasons: string[];
}

export function decideRoute(rules: RoutingRules, input: RoutingInput): RoutingDecision {
  const category = rules.categories.find((c) => c.id === input.categoryId);
  if (!category) throw new Error(`Unknown complaint category "${input.categoryId}"`);
  const reasons = [`category ${category.id} → ${category.departmentId}`];
  let departmentId = category.departmentId;
  let chosenBy: RoutingDecision['chosenBy'] = 'category';

  const regional = rules.regionOverrides.find(
    (o) => o.regionId === input.regionId && o.categoryId === category.id,
  );
  if (regional) {
    departmentId = regional.departmentId;
    chosenBy = 'region';
    reasons.push(`region ${input.regionId} override → ${departmentId}`);
  }
  const local = rules.outletOverrides.find(
    (o) => o.outletId === input.outletId && o.categoryId === category.id,
  );
  if (local) {
    departmentId = local.departmentId;
    chosenBy = 'outlet';
    reasons.push(`outlet ${input.outletId} override → ${departmentId}`);
  }

  const recurring = input.recentSameCategory + 1 >= rules.recurring.threshold;
  if (category.severity === 'major') reasons.push(`category ${category.id} is major → head office`);
  if (recurring) {
    reasons.push(
      `recurring: ${input.recentSameCategory + 1} complaints of ${category.id} at ${input.outletId} within ${rules.recurring.windowDays} days → head office`,
    );
  }
  const severity: Severity = category.severity === 'major' || recurring ? 'major' : 'normal';
  return {
    departmentId,
    severity,
    escalated: severity === 'major',
    recurring,
    timeLimitDays: category.timeLimitDays,
    chosenBy,
    sameCategoryCount: input.recentSameCategory + 1,
    reasons,
  };
}

/** Problems that make a rule set unusable; empty when it is sound. Keys are field paths. */
export function checkRules(rules: RoutingRules, departmentIds: readonly string[]): Record<string, Message> {
  const problems: Record<string, Message> = {};
  const categoryIds = new Set<string>();
  rules.categories.forEach((category, i) => {
    if (categoryIds.has(category.id))
      problems[`categories.${i}.id`] = message('field.rules.duplicateCategory', { id: category.id });
    categoryIds.add(category.id);
    if (!departmentIds.includes(category.departmentId)) {
      problems[`categories.${i}.departmentId`] = message('field.rules.noDepartment', {
        id: category.departmentId,
      });
    }
  });
  const checkOverride = (path: string, o: RoutingOverride) => {
    if (!categoryIds.has(o.categoryId))
      problems[`${path}.categoryId`] = message('field.rules.noCategory', { id: o.categoryId });
    if (!departmentIds.includes(o.departmentId))
      problems[`${path}.departmentId`] = message('field.rules.noDepartment', { id: o.departmentId });
  };
  for (const [i, o] of rules.regionOverrides.entries()) checkOverride(`regionOverrides.${i}`, o);
  for (const [i, o] of rules.outletOverrides.entries()) checkOverride(`outletOverrides.${i}`, o);
  return problems;
}
