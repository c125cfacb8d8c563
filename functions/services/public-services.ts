import type { Dependencies } from '../dependencies.js';
import { ComplaintIntake } from './complaint-intake.js';
import { ComplaintTracking } from './complaint-tracking.js';
import { FeedbackService } from './feedback-service.js';
import type { SharedServices } from './services.js';

/** What customers do: rate a visit, file a complaint, follow it and give a verdict. */
export function createPublicServices(deps: Dependencies, shared: SharedServices) {
  return {
    ...shared,
    intake: new ComplaintIntake(deps, shared.access, shared.routingRules),
    tracking: new ComplaintTracking(deps, shared.directory, shared.routingRules),
    feedback: new FeedbackService(deps, shared.access),
  };
}

export type PublicServices = ReturnType<typeof createPublicServices>;
