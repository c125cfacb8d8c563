import type { Notifier } from '../adapters/notifier/notifier.js';
import type { Dependencies } from '../dependencies.js';
import { deliverNotifications } from './deliver-notifications.js';
import type { StreamReaction } from './process-stream.js';

/** Every reaction to table changes; the Lambda stream handler and the local poller run this list. */
export function streamReactions(deps: Dependencies, notifier: Notifier): StreamReaction[] {
  return [deliverNotifications(deps, notifier)];
}
