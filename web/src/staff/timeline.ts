import type { Names } from './names.js';

export interface TimelineEvent {
  at: string;
  action: string;
  actor: { kind: string; username?: string; displayName?: string; role?: string };
  public: boolean;
  detail: Record<string, unknown>;
}

/**
 * One audit event as a sentence in the page's language, built from its action and detail (see
 * functions/domain/lifecycle/transitions.ts, time-limit-sweep.ts, customer-rating.ts and
 * services/complaint-intake.ts for what each records). An action this page does not know yet
 * still reads as a sentence, with its free text.
 */
export function sentence(event: TimelineEvent, names: Names): string {
  const { t } = names;
  const d = event.detail;
  // Free text goes inside a sentence: its own closing full stop would double the punctuation.
  const text = (key: string) => (typeof d[key] === 'string' ? d[key].replace(/[。.；;]+$/u, '') : '');
  const actor = actorName(event, names);
  const due = text('dueAt') ? names.time(text('dueAt')) : '—';
  const reason = text('reason');
  const comment = text('comment') ? t('event.comment', { comment: text('comment') }) : '';
  const byCustomer = event.actor.kind === 'customer';
  switch (event.action) {
    case 'received':
      return (
        t(byCustomer ? 'event.received' : 'event.received.staff', {
          actor,
          channel: names.channel(d.channel),
          category: names.category(d.category),
        }) +
        (text('hotlineTicket') ? t('event.hotlineTicket', { ticket: text('hotlineTicket') }) : '') +
        (d.firstReceiver ? t('event.firstReceiver') : '')
      );
    case 'assigned':
      return t(d.severity === 'major' ? 'event.assigned.major' : 'event.assigned', {
        department: names.department(d.departmentId),
        due,
      });
    case 'accepted':
      // Events from before the first receiver owned staff entries say nothing: the acceptor became owner.
      return t(d.becameOwner === false ? 'event.accepted' : 'event.accepted.owner', { actor });
    case 'transferred':
      return t('event.transferred', {
        actor,
        from: names.department(d.fromDepartmentId),
        to: names.department(d.departmentId),
        reason,
      });
    case 'noted':
      return t('event.noted', { actor, text: text('text') });
    case 'contacted':
      return t('event.contacted', { actor, channel: names.contactBy(d.channel), summary: text('summary') });
    case 'phone-revealed':
      return t('event.phone-revealed', { actor });
    case 'extended':
      return (
        t('event.extended', { actor, days: String(d.days ?? ''), due, reason }) +
        (text('note') ? t('event.extended.note', { note: text('note') }) : '')
      );
    case 'extension-requested':
      return t('event.extension-requested', { actor, days: String(d.days ?? ''), reason });
    case 'extension-declined':
      return t('event.extension-declined', { actor, reason });
    case 'resolved':
      return (
        t('event.resolved', {
          actor,
          rootCause: names.rootCause(d.rootCause),
          decision: text('decision'),
        }) +
        (text('correctiveAction') ? t('event.resolved.action', { action: text('correctiveAction') }) : '')
      );
    case 'reopened':
      return byCustomer
        ? t('event.reopened.customer', { due }) + comment
        : t('event.reopened', { actor, reason, due });
    case 'closed':
      return t(closedKey(event), { actor, reason }) + comment;
    case 'due-soon':
      return t('event.due-soon', { due });
    case 'overdue':
      return t('event.overdue', { due, department: names.department(d.accountable) });
    case 'follow-up-due':
      return t('event.follow-up-due', { due });
    case 'followed-up':
      return t(d.reached === false ? 'event.followed-up.missed' : 'event.followed-up', {
        actor,
        summary: text('summary'),
      });
    case 'referred':
      return t('event.referred', { actor });
    default: {
      const said = ['reason', 'text', 'summary', 'note', 'comment'].map(text).filter(Boolean);
      return said.length
        ? t('event.other.detail', { actor, detail: said.join(' / ') })
        : t('event.other', { actor });
    }
  }
}

function closedKey(event: TimelineEvent) {
  const reason = event.detail.reason;
  if (event.actor.kind === 'customer')
    return reason === 'customer-satisfied' ? 'event.closed.satisfied' : 'event.closed.unsatisfied';
  // The sweeper closes what the customer never rated (its reason has been worded two ways).
  if (event.actor.kind === 'system' || reason === 'auto-closed') return 'event.closed.auto';
  return 'event.closed';
}

function actorName(event: TimelineEvent, { t }: Names): string {
  if (event.actor.kind === 'customer') return t('actor.customer');
  if (event.actor.kind === 'system') return t('actor.system');
  return event.actor.displayName || t('actor.staff');
}
