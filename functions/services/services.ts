import type { Dependencies } from '../dependencies.js';
import { ComplaintIntake } from './complaint-intake.js';
import { ComplaintTracking } from './complaint-tracking.js';
import { FeedbackService } from './feedback-service.js';
import { Inbox } from './inbox.js';
import { OutletAccess } from './outlet-access.js';
import { OutletAdmin } from './outlet-admin.js';
import { OutletDirectory } from './outlet-directory.js';
import { RoutingRulesService } from './routing-rules-service.js';
import { StaffComplaints } from './staff-complaints.js';

/** The app's use cases, built once per app from its dependencies. */
export function createServices(deps: Dependencies) {
  const directory = new OutletDirectory(deps.table);
  const access = new OutletAccess(deps, directory);
  const routingRules = new RoutingRulesService(deps);
  return {
    directory,
    access,
    routingRules,
    intake: new ComplaintIntake(deps, access, routingRules),
    tracking: new ComplaintTracking(deps, directory, routingRules),
    feedback: new FeedbackService(deps, access),
    outletAdmin: new OutletAdmin(deps, directory),
    inbox: new Inbox(deps),
    staffComplaints: new StaffComplaints(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
