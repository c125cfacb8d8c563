import type { StoredRoutingRules } from '../adapters/dynamodb/routing-rules-repository.js';
import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, invalid, notFound } from '../domain/errors.js';
import type { Language } from '../domain/language.js';
import { message, say } from '../domain/messages.js';
import { localized } from '../domain/outlet.js';
import { checkRules, decideRoute, type RoutingDecision, type RoutingRules } from '../domain/routing.js';
import { departmentName } from './complaint-intake.js';
import type { OutletDirectory } from './outlet-directory.js';

const TTL_MS = 60_000;

/** Routing rules for intake (cached a minute per instance) and for the admins who edit them. */
export class RoutingRulesService {
  private cached: { at: number; stored: StoredRoutingRules } | undefined;

  constructor(
    private readonly deps: Dependencies,
    private readonly directory: OutletDirectory,
  ) {}

  private get repository() {
    return this.deps.repositories.routingRules;
  }

  async current(): Promise<StoredRoutingRules> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.stored;
    const stored = await this.repository.get();
    this.cached = { at: Date.now(), stored };
    return stored;
  }

  async save(rules: RoutingRules, expectedVersion: number, username: string): Promise<StoredRoutingRules> {
    const problems = checkRules(rules, departmentIds);
    if (Object.keys(problems).length > 0) {
      throw invalid(problems, 'rules.inconsistent');
    }
    const saved = await this.repository.save(rules, expectedVersion, username, this.deps.now());
    if (!saved) throw conflict('conflict.rulesChanged');
    this.cached = { at: Date.now(), stored: saved };
    return saved;
  }

  /**
   * Where a complaint of `categoryId` at `outletId` goes now, as intake would decide it: the
   * rules, the overrides and the recurring pattern over the outlet's recent complaints.
   */
  async decide(categoryId: string, outletId: string): Promise<RoutingDecision> {
    const outlet = await this.directory.outlet(outletId);
    if (!outlet) throw notFound('notFound.outlet');
    const { rules } = await this.current();
    if (!rules.categories.some((c) => c.id === categoryId))
      throw invalid({ category: 'field.category.unknown' });
    const since = new Date(this.deps.now().getTime() - rules.recurring.windowDays * 86_400_000);
    const recentSameCategory = await this.deps.repositories.complaints.countRecent(
      outletId,
      categoryId,
      since.toISOString(),
    );
    return decideRoute(rules, { categoryId, outletId, regionId: outlet.regionId, recentSameCategory });
  }

  /** The preview's answer: where it goes and why, said in `lang` with names, never ids. */
  async preview(categoryId: string, outletId: string, lang: Language) {
    const decision = await this.decide(categoryId, outletId);
    const [{ rules }, outlet] = await Promise.all([this.current(), this.directory.outlet(outletId)]);
    const region = outlet ? await this.directory.region(outlet.regionId) : undefined;
    const rule = rules.categories.find((c) => c.id === categoryId);
    const category = rule ? localized(rule.name, lang) : categoryId;
    const department = departmentName(decision.departmentId, lang);
    const outletName = outlet ? localized(outlet.name, lang) : outletId;
    const named = {
      category,
      department,
      outlet: outletName,
      region: region ? localized(region.name, lang) : '',
    };
    const because = [
      message(`routing.${decision.chosenBy}`, named),
      ...(rule?.severity === 'major' ? [message('routing.major', named)] : []),
      ...(decision.recurring
        ? [
            message('routing.recurring', {
              ...named,
              count: decision.sameCategoryCount,
              days: rules.recurring.windowDays,
            }),
          ]
        : []),
      message('routing.timeLimit', { days: decision.timeLimitDays }),
    ];
    const { reasons: _, ...shown } = decision;
    return { ...shown, departmentName: department, explanation: because.map((m) => say(lang, m)) };
  }
}
