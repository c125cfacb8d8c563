import {
  RoutingRulesRepository,
  type StoredRoutingRules,
} from '../adapters/dynamodb/routing-rules-repository.js';
import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import { checkRules, type RoutingRules } from '../domain/routing.js';
import { ApiError, conflict } from '../http/errors.js';

const TTL_MS = 60_000;

/** Routing rules for intake (cached a minute per instance) and for the admins who edit them. */
export class RoutingRulesService {
  private readonly repository: RoutingRulesRepository;
  private cached: { at: number; stored: StoredRoutingRules } | undefined;

  constructor(private readonly deps: Dependencies) {
    this.repository = new RoutingRulesRepository(deps.table);
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
      throw new ApiError(400, 'validation', 'The rules are inconsistent', { fields: problems });
    }
    const saved = await this.repository.save(rules, expectedVersion, username, this.deps.now());
    if (!saved)
      throw conflict('Someone saved the rules in the meantime; reload them and apply your change again');
    this.cached = { at: Date.now(), stored: saved };
    return saved;
  }
}
