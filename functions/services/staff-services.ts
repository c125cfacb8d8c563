import type { Dependencies } from '../dependencies.js';
import { ComplaintNames } from './complaint-names.js';
import { Inbox } from './inbox.js';
import { OutletAdmin } from './outlet-admin.js';
import { Oversight } from './oversight.js';
import type { SharedServices } from './services.js';
import { StaffComplaints } from './staff-complaints.js';
import { StatisticsService } from './statistics.js';
import { SupervisionService } from './supervision.js';
import { SupervisionStatistics } from './supervision-statistics.js';

/** What signed-in staff do: work complaints, keep outlets and rules, read the statistics. */
export function createStaffServices(deps: Dependencies, shared: SharedServices) {
  const names = new ComplaintNames(shared.directory, shared.routingRules);
  return {
    ...shared,
    outletAdmin: new OutletAdmin(deps, shared.directory),
    inbox: new Inbox(deps, names),
    oversight: new Oversight(deps, names),
    staffComplaints: new StaffComplaints(deps, names),
    statistics: new StatisticsService(deps, shared.directory),
    supervision: new SupervisionService(deps, shared.directory),
    supervisionStatistics: new SupervisionStatistics(deps, shared.directory),
  };
}

export type StaffServices = ReturnType<typeof createStaffServices>;
