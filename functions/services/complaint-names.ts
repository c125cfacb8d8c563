import { rootCauseNames } from '../config/root-causes.js';
import type { Language } from '../domain/language.js';
import type { OutletDirectory } from './outlet-directory.js';
import type { RoutingRulesService } from './routing-rules-service.js';

/** The names staff read instead of ids, in one language. */
export interface Namer {
  outlet(id: string): string;
  category(id: string): string;
  rootCause(id: string | undefined): string | undefined;
}

/**
 * Names for what a complaint refers to by id (its outlet, its category, a root cause), so every
 * answer staff read carries words. Outlets and categories come from the cached directory and
 * routing rules: naming a page of complaints costs no read on a warm instance.
 */
export class ComplaintNames {
  constructor(
    private readonly directory: OutletDirectory,
    private readonly rules: RoutingRulesService,
  ) {}

  async namer(outletIds: readonly string[], lang: Language): Promise<Namer> {
    const [{ rules }, outlets] = await Promise.all([
      this.rules.current(),
      Promise.all([...new Set(outletIds)].map((id) => this.directory.outlet(id))),
    ]);
    const outletNames = new Map(outlets.flatMap((o) => (o ? [[o.id, o.name[lang]] as const] : [])));
    const categoryNames = new Map(rules.categories.map((c) => [c.id, c.name[lang]]));
    return {
      outlet: (id) => outletNames.get(id) ?? id,
      category: (id) => categoryNames.get(id) ?? id,
      rootCause: (id) => (id === undefined ? undefined : (rootCauseNames[id]?.[lang] ?? id)),
    };
  }
}
