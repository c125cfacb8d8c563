import { formatDateTime, type Translate } from '../shared/i18n.js';
import type { Lang } from '../shared/lang.js';
import { type StaffKey, type StaffWords, texts } from './texts.js';

export interface Named {
  id: string;
  name: string;
}
export interface Lists {
  allDepartments: Named[];
  rootCauses: Named[];
  categories: Named[];
  timeZone: string;
}

export type Names = ReturnType<typeof namer>;

const has = (key: string): key is StaffKey => key in texts['zh-CN'];

/**
 * What the inbox shows for each id and code: its name in the page's language, or a plain word
 * when the page does not know it, never the id itself. Times are the bank's, whatever the
 * browser's time zone.
 */
export function namer(t: Translate<StaffWords>, lang: Lang, lists: Lists) {
  const word = (prefix: string, value: unknown, otherwise: StaffKey) => {
    const key = `${prefix}.${String(value)}`;
    return has(key) ? t(key) : t(otherwise);
  };
  const fromList = (list: Named[], id: unknown) => list.find((x) => x.id === id)?.name ?? '—';
  return {
    t,
    status: (status: string) => word('state', status, 'state.other'),
    severity: (severity: string) => word('severity', severity, 'severity.normal'),
    channel: (channel: unknown) => word('channel', channel, 'channel.other'),
    contactBy: (channel: unknown) => word('contactBy', channel, 'channel.other'),
    /** A tab's name; `prefix` is its family: the inbox's `view`, head office's `oversight`, an outlet's `outletState`. */
    view: (view: string, prefix = 'view') => word(prefix, view, 'views'),
    action: (action: string) => word('action', action, 'action.other'),
    department: (id: unknown) => fromList(lists.allDepartments, id),
    category: (id: unknown) => fromList(lists.categories, id),
    rootCause: (id: unknown) => fromList(lists.rootCauses, id),
    time: (iso: string) => formatDateTime(iso, lang, lists.timeZone),
    /** Whether the dictionary names this view (only named views get a tab). */
    knowsView: (view: string, prefix = 'view') => has(`${prefix}.${view}`),
  };
}
