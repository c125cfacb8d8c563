import { ChecklistRepository } from './checklist-repository.js';
import { pingTable, type Table } from './client.js';
import { ComplaintRepository } from './complaint-repository.js';
import { InspectionRepository } from './inspection-repository.js';
import { OutboxRepository } from './outbox-repository.js';
import { OutletRepository } from './outlet-repository.js';
import { RatingRepository } from './rating-repository.js';
import { RollupRepository } from './rollup-repository.js';
import { RoutingRulesRepository } from './routing-rules-repository.js';
import { StaleRollupRepository } from './stale-rollup-repository.js';
import { SubmissionRepository } from './submission-repository.js';
import { TrackingLimitRepository } from './tracking-limit-repository.js';
import { WarningRepository } from './warning-repository.js';

/**
 * Every repository over the one table, built once per process with the dependencies. Services,
 * stream reactions and jobs reach the table only through these; none of them imports the SDK.
 */
export function createRepositories(table: Table) {
  return {
    outlets: new OutletRepository(table),
    submissions: new SubmissionRepository(table),
    ratings: new RatingRepository(table),
    complaints: new ComplaintRepository(table),
    routingRules: new RoutingRulesRepository(table),
    rollups: new RollupRepository(table),
    staleRollups: new StaleRollupRepository(table),
    warnings: new WarningRepository(table),
    outbox: new OutboxRepository(table),
    trackingLimits: new TrackingLimitRepository(table),
    checklists: new ChecklistRepository(table),
    inspections: new InspectionRepository(table),
    /** Whether the table answers (the health check). */
    ping: () => pingTable(table),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
