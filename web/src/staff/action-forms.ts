import type { Translate } from '../shared/i18n.js';
import { el } from '../shared/session.js';
import type { StaffKey, StaffWords } from './texts.js';

/**
 * The fields each action asks for. Kept as data so the form for an action, its labels and the
 * body it posts are one definition; the server validates again and its field errors are shown
 * next to the same fields.
 */
type Field =
  | { name: string; kind: 'text' | 'textarea'; required: boolean }
  | { name: string; kind: 'select'; options: { value: string; label: string }[] };

export interface FormContext {
  t: Translate<StaffWords>;
  departments: { id: string; name: string }[];
  currentDepartment: string;
  rootCauses: { id: string; name: string }[];
}

export function fieldsFor(action: string, ctx: FormContext): Field[] {
  switch (action) {
    case 'transfer':
      return [
        {
          name: 'toDepartment',
          kind: 'select',
          options: ctx.departments
            .filter((d) => d.id !== ctx.currentDepartment)
            .map((d) => ({ value: d.id, label: d.name })),
        },
        { name: 'reason', kind: 'textarea', required: true },
      ];
    case 'note':
      return [{ name: 'text', kind: 'textarea', required: true }];
    case 'contact':
      return [
        {
          name: 'channel',
          kind: 'select',
          options: [
            { value: 'call', label: ctx.t('contactBy.call') },
            { value: 'sms', label: ctx.t('contactBy.sms') },
          ],
        },
        { name: 'summary', kind: 'textarea', required: true },
      ];
    case 'extend':
      return [
        {
          name: 'days',
          kind: 'select',
          options: [
            { value: '30', label: ctx.t('days30') },
            { value: '60', label: ctx.t('days60') },
          ],
        },
        { name: 'reason', kind: 'textarea', required: true },
      ];
    case 'approve-extension':
      return [{ name: 'note', kind: 'text', required: false }];
    case 'follow-up':
      return [
        {
          name: 'reached',
          kind: 'select',
          options: [
            { value: 'true', label: ctx.t('reached.yes') },
            { value: 'false', label: ctx.t('reached.no') },
          ],
        },
        { name: 'summary', kind: 'textarea', required: true },
      ];
    case 'decline-extension':
    case 'reopen':
    case 'close':
      return [{ name: 'reason', kind: 'textarea', required: true }];
    case 'resolve':
      return [
        { name: 'decision', kind: 'textarea', required: true },
        {
          name: 'rootCause',
          kind: 'select',
          options: ctx.rootCauses.map((c) => ({ value: c.id, label: c.name })),
        },
        { name: 'correctiveAction', kind: 'textarea', required: true },
      ];
    default:
      return [];
  }
}

/** A form for the action's fields; `submit` gets the body to post (numbers and booleans where the API wants them). */
export function actionForm(
  action: string,
  ctx: FormContext,
  submit: (body: Record<string, unknown>, form: HTMLFormElement) => void,
  cancel: () => void,
): HTMLFormElement {
  const { t } = ctx;
  const form = el('form', { class: 'action', 'data-action': action });
  for (const field of fieldsFor(action, ctx)) {
    let control: HTMLElement;
    if (field.kind === 'select') {
      const select = el('select', { name: field.name });
      for (const option of field.options) {
        select.append(el('option', { value: option.value }, option.label));
      }
      control = select;
    } else if (field.kind === 'textarea') {
      control = el('textarea', {
        name: field.name,
        rows: '3',
        maxlength: '2000',
        ...(field.required ? { required: '' } : {}),
      });
    } else {
      control = el('input', { name: field.name, type: 'text', maxlength: '500' });
    }
    form.append(
      el(
        'label',
        {},
        t(`field.${field.name}` as StaffKey),
        control,
        el('span', { class: 'field-error', 'data-field': field.name }),
      ),
    );
  }
  const ok = el('button', { type: 'submit', class: 'primary' }, t('submit'));
  const no = el('button', { type: 'button' }, t('cancel'));
  no.addEventListener('click', cancel);
  form.append(el('div', { class: 'action-buttons' }, ok, no));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const [name, value] of new FormData(form)) {
      const text = String(value).trim();
      if (!text) continue;
      body[name] = name === 'days' ? Number(text) : name === 'reached' ? text === 'true' : text;
    }
    submit(body, form);
  });
  return form;
}
