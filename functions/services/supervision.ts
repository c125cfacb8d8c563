import { randomBytes } from 'node:crypto';
import { tokenHash } from '../adapters/dynamodb/inspection-repository.js';
import {
  inspectedRegionsOf,
  isAdmin,
  isHeadOffice,
  isSupervisionCentre,
  lobbiesOf,
  outletsOf,
  type Principal,
} from '../auth/principal.js';
import type { AppConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { addDays, localDate } from '../domain/calendar.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { fingerprint } from '../domain/feedback.js';
import type { Language } from '../domain/language.js';
import { type MessageKey, message, say } from '../domain/messages.js';
import { localized, type Outlet } from '../domain/outlet.js';
import { daysOf, previousPeriod } from '../domain/statistics/periods.js';
import {
  allItems,
  type Checklist,
  checklistProblems,
  MAX_CHECKLIST_ITEMS,
} from '../domain/supervision/checklist.js';
import { type CircularOutlet, type CircularRegion, circular } from '../domain/supervision/circular.js';
import {
  type CircularPublication,
  circularPublishedNotice,
  monthEnded,
} from '../domain/supervision/circular-publication.js';
import {
  DEFAULT_CHECKLIST_ID,
  defaultChecklistName,
  defaultChecklistSections,
} from '../domain/supervision/default-checklist.js';
import {
  DEFAULT_CADENCE,
  type Inspection,
  type InspectionKind,
  openDays,
  type SelfCheckRound,
  type SupervisionViewer,
  visibleTo,
} from '../domain/supervision/inspections.js';
import { halfYearOf, linkOpen, type MysteryVisit } from '../domain/supervision/mystery.js';
import {
  PHOTO_READ_SECONDS,
  PHOTO_UPLOAD_SECONDS,
  type PhotoStore,
  type PhotoType,
  photoBelongsTo,
  photoFolder,
} from '../domain/supervision/ports.js';
import {
  actOnRectification,
  nextAlertAt,
  type Rectification,
  type RectificationAction,
  type RectificationDeadlines,
  rectificationDue,
  repeatedItems,
} from '../domain/supervision/rectification.js';
import { type Answer, answerProblems, scoreInspection } from '../domain/supervision/scoring.js';
import {
  acceptedTaskCounts,
  EMPTY_TALLY,
  inspectionCounts,
  mergeTallyChanges,
  roundOf,
  type SupervisionFigures,
  TASK_DUE,
  type TallyChange,
  tallyChanges,
  tallyMonth,
} from '../domain/supervision/tally.js';
import type { OutletDirectory } from './outlet-directory.js';

export interface InspectionRequest {
  id: string;
  kind: InspectionKind;
  outletId: string;
  checklistId: string;
  checklistVersion: number;
  round?: SelfCheckRound | undefined;
  startedAt: string;
  answers: Answer[];
}

/** A photo to upload: for an inspection being filled (its client-made id) or a task's answer. */
export interface PhotoUploadRequest {
  /** One of the two: what the photo belongs to. */
  inspectionId?: string | undefined;
  rectificationId?: string | undefined;
  contentType: PhotoType;
  size: number;
}

/** Who submits: a signed-in inspector, lobby manager… or the holder of a mystery visit's link. */
export type Inspector = { kind: 'staff'; principal: Principal } | { kind: 'mystery'; token: string };

/**
 * Service supervision (服务监督): the checklist and its versions, inspections of the four kinds
 * with their scores, the rectification tasks their findings open, and head office's mystery
 * visits. Who may do what follows the roles table: lobby staff check their own outlet, the
 * supervision centre spot-checks any outlet, a region's team makes its outlets' joint checks,
 * mystery shoppers hold a link for one visit; outlet managers answer their outlet's tasks and
 * inspectors of its reach review them; head office sees everything and releases blind visits.
 */
export class SupervisionService {
  constructor(
    private readonly deps: Dependencies,
    private readonly directory: OutletDirectory,
  ) {}

  private get repository() {
    return this.deps.repositories.inspections;
  }

  private get deadlines(): RectificationDeadlines {
    return rectificationDeadlines(this.deps.config);
  }

  // -------------------------------------------------------------------------------------------
  // Checklists

  /** The checklist in force; the bank's default is published as version 1 the first time it is asked for. */
  async checklist(id = DEFAULT_CHECKLIST_ID, version?: number): Promise<Checklist> {
    const { checklists } = this.deps.repositories;
    if (version !== undefined) {
      const found = await checklists.version(id, version);
      if (!found) throw notFound('notFound.route');
      return found;
    }
    const current = await checklists.current(id);
    if (current) return current;
    if (id !== DEFAULT_CHECKLIST_ID) throw notFound('notFound.route');
    const first: Checklist = {
      id,
      version: 1,
      name: defaultChecklistName,
      sections: defaultChecklistSections,
      publishedAt: this.deps.now().toISOString(),
      publishedBy: 'platform',
    };
    // Two first reads at once publish the same default; one wins and both return it.
    await checklists.publish(first, 0);
    return (await checklists.current(id)) ?? first;
  }

  async versions(id = DEFAULT_CHECKLIST_ID): Promise<Checklist[]> {
    await this.checklist(id);
    return this.deps.repositories.checklists.versions(id);
  }

  /** Publishes a new version of a checklist (admins): past inspections keep theirs. */
  async publish(
    principal: Principal,
    id: string,
    draft: Pick<Checklist, 'name' | 'sections'>,
    expectedVersion: number,
  ): Promise<Checklist> {
    if (!isAdmin(principal)) throw forbidden('forbidden.checklistEdit');
    const problems = checklistProblems(draft);
    if (Object.keys(problems).length > 0)
      throw invalid(
        Object.fromEntries(
          Object.entries(problems).map(([path, problem]) => [
            path,
            message(`field.checklist.${problem}`, { max: MAX_CHECKLIST_ITEMS }),
          ]),
        ),
      );
    const current = await this.checklist(id).catch(() => undefined);
    if ((current?.version ?? 0) !== expectedVersion) throw conflict('conflict.checklistChanged');
    const next: Checklist = {
      id,
      version: expectedVersion + 1,
      ...draft,
      publishedAt: this.deps.now().toISOString(),
      publishedBy: principal.username,
    };
    if (!(await this.deps.repositories.checklists.publish(next, expectedVersion)))
      throw conflict('conflict.checklistChanged');
    return next;
  }

  // -------------------------------------------------------------------------------------------
  // Inspections

  /**
   * Takes an inspection in: checks who may make it, scores it against the version it was filled
   * on, and stores it with a task for each finding, in one transaction. A retry of the same
   * inspection (the capture page resending what it kept offline) answers 200 with what is stored.
   */
  async submit(
    inspector: Inspector,
    request: InspectionRequest,
  ): Promise<{ status: 200 | 201; inspection: Inspection }> {
    const now = this.deps.now();
    const requestFingerprint = fingerprint(request);
    const existing = await this.repository.get(request.id);
    if (existing) return { status: 200, inspection: this.replayed(existing, requestFingerprint) };

    const outlet = await this.directory.outlet(request.outletId);
    if (!outlet?.active) throw notFound('notFound.outletOutOfService');
    const visit = await this.checkReach(inspector, request, outlet.regionId, now);
    if ((request.kind === 'self-check') !== (request.round !== undefined))
      throw invalid({
        round: request.kind === 'self-check' ? 'field.round.needed' : 'field.round.notAllowed',
      });
    const checklist = await this.deps.repositories.checklists.version(
      request.checklistId,
      request.checklistVersion,
    );
    if (!checklist) throw invalid({ checklistVersion: 'field.checklist.version' });
    const problems: Record<string, MessageKey> = Object.fromEntries(
      Object.entries(answerProblems(checklist, request.answers)).map(([itemId, p]) => [
        `answers.${itemId}`,
        `field.answer.${p}` as const,
      ]),
    );
    // A photo must be one the upload made for this inspection, not one of another.
    for (const answer of request.answers)
      if (
        'photo' in answer &&
        answer.photo !== undefined &&
        !photoBelongsTo(answer.photo, { kind: 'inspections', id: request.id })
      )
        problems[`answers.${answer.itemId}`] ??= 'field.photo.notThisInspection';
    if (Object.keys(problems).length > 0) throw invalid(problems);

    const submittedAt = now.toISOString();
    const date = localDate(now, this.deps.config.TIME_ZONE);
    const result = scoreInspection(checklist, request.answers);
    const inspection: Inspection = {
      id: request.id,
      kind: request.kind,
      outletId: outlet.id,
      regionId: outlet.regionId,
      checklistId: checklist.id,
      checklistVersion: checklist.version,
      date,
      ...(request.round ? { round: request.round } : {}),
      startedAt: request.startedAt,
      submittedAt,
      inspector:
        inspector.kind === 'mystery'
          ? { displayName: visit?.pseudonym ?? '', role: 'mystery-shopper' }
          : {
              username: inspector.principal.username,
              displayName: inspector.principal.displayName,
              role: request.kind,
            },
      answers: request.answers,
      result,
      // A mystery visit stays blind until head office releases it; every other kind is seen at once.
      released: request.kind !== 'mystery-visit',
      fingerprint: requestFingerprint,
    };
    // Findings become tasks when the outlet may see them: at once for a spot or joint check, at
    // release for a mystery visit. A self-check's findings are the outlet's own, put right on the
    // spot; they count in its figures, not as tasks.
    const tasks =
      request.kind === 'spot-check' || request.kind === 'joint-check'
        ? await this.tasksFor(inspection, now)
        : [];
    const outcome = await this.repository.submit(
      inspection,
      tasks,
      inspector.kind === 'mystery' ? { tokenHash: tokenHash(inspector.token), now: submittedAt } : undefined,
      // A blind visit counts nowhere until it is released.
      inspection.released ? this.tallyChangesOf(inspection, tasks) : [],
    );
    if (outcome.kind === 'exists')
      return { status: 200, inspection: this.replayed(outcome.existing, requestFingerprint) };
    if (outcome.kind === 'visit-closed') throw conflict('conflict.mysteryLinkUsed');
    this.deps.metrics.count('InspectionRecorded');
    return { status: 201, inspection };
  }

  /** The inspections of an outlet and month the caller may see; a blind visit is not even counted. */
  async list(
    principal: Principal,
    query: { outletId: string; month: string; kind?: InspectionKind | undefined },
  ) {
    const outlet = await this.directory.outlet(query.outletId);
    if (!outlet) throw notFound('notFound.outlet');
    const viewer = viewerOf(principal);
    if (
      !visibleTo(
        { kind: 'spot-check', released: true, outletId: outlet.id, regionId: outlet.regionId },
        viewer,
      )
    )
      throw forbidden('forbidden.supervision');
    const found = await this.repository.ofOutletMonth(outlet.id, query.month, query.kind);
    return found.filter((i) => visibleTo(i, viewer));
  }

  async get(principal: Principal, id: string): Promise<Inspection> {
    const inspection = await this.repository.get(id);
    // Out of reach answers exactly like no such inspection: a blind visit leaves no trace.
    if (!inspection || !visibleTo(inspection, viewerOf(principal))) throw notFound('notFound.inspection');
    return inspection;
  }

  /** Head office releases a mystery visit: the outlet and its region see it, and its findings become tasks. */
  async release(principal: Principal, id: string): Promise<Inspection> {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.mysteryPlan');
    const inspection = await this.repository.get(id);
    if (!inspection) throw notFound('notFound.inspection');
    if (inspection.kind !== 'mystery-visit' || inspection.released) throw conflict('conflict.notBlind');
    const now = this.deps.now();
    const tasks = await this.tasksFor(inspection, now);
    if (
      !(await this.repository.release(
        inspection,
        tasks,
        now.toISOString(),
        this.tallyChangesOf(inspection, tasks),
      ))
    )
      throw conflict('conflict.notBlind');
    return { ...inspection, released: true, releasedAt: now.toISOString() };
  }

  // -------------------------------------------------------------------------------------------
  // Rectifications

  async rectifications(principal: Principal, outletId: string, status?: Rectification['status']) {
    const outlet = await this.directory.outlet(outletId);
    if (!outlet) throw notFound('notFound.outlet');
    if (!mayManage(principal, outlet.id) && !mayReview(principal, outlet.regionId))
      throw forbidden('forbidden.supervision');
    return this.repository.rectificationsOf(outlet.id, status);
  }

  async actOnRectification(
    principal: Principal,
    id: string,
    action: RectificationAction,
    expectedVersion: number,
  ) {
    const task = await this.repository.rectification(id);
    if (!task) throw notFound('notFound.rectification');
    const role = action.type === 'answer' ? 'manager' : 'reviewer';
    const allowed =
      role === 'manager' ? mayManage(principal, task.outletId) : mayReview(principal, task.regionId);
    if (!allowed) {
      if (mayManage(principal, task.outletId) || mayReview(principal, task.regionId))
        throw forbidden('forbidden.rectification');
      throw notFound('notFound.rectification');
    }
    if (
      action.type === 'answer' &&
      action.photo !== undefined &&
      !photoBelongsTo(action.photo, { kind: 'rectifications', id: task.id })
    )
      throw invalid({ photo: 'field.photo.notThisTask' });
    if (task.version !== expectedVersion)
      throw conflict(message('conflict.rectificationStale', { version: task.version }), {
        version: task.version,
      });
    const outcome = actOnRectification(task, action, { role, username: principal.username }, this.deps.now());
    if (!outcome.ok) {
      if (outcome.refusal === 'notYours') throw forbidden('forbidden.rectification');
      throw conflict(
        message('conflict.rectificationNotNow', { status: message(`rectification.${task.status}`) }),
        {
          status: task.status,
        },
      );
    }
    const next = { ...outcome.task, alertAt: nextAlertAt(outcome.task, this.deadlines) };
    const onTime = acceptedTaskCounts(next);
    const tallies = Object.keys(onTime).length ? tallyChanges(next, this.dueMonth(next), onTime) : [];
    if (!(await this.repository.saveRectification(next, task.version, tallies)))
      throw conflict(message('conflict.rectificationStale', { version: task.version + 1 }), {
        version: task.version + 1,
      });
    return next;
  }

  // -------------------------------------------------------------------------------------------
  // The circular (通报)

  /**
   * The month's circular, named in the caller's language. Head office and the supervision centre
   * may read the month under way; everyone with a part in supervision (region teams, outlet
   * managers, lobby staff) the months that have ended, as the bank circulates them. Reads the
   * month's tallies (one item per outlet, its regions', the bank's) and its red-line findings.
   */
  async circular(principal: Principal, month: string, lang: Language): Promise<CircularView> {
    const viewer = viewerOf(principal);
    const now = this.deps.now();
    const today = localDate(now, this.deps.config.TIME_ZONE);
    const thisMonth = today.slice(0, 7);
    if (month > thisMonth) throw invalid({ month: 'field.month.future' });
    const insider = viewer.headOffice || viewer.supervisionCentre;
    if (!insider && viewer.regions.length === 0 && viewer.outlets.length === 0)
      throw forbidden('forbidden.supervision');
    if (!insider && month === thisMonth) throw forbidden('forbidden.circularUnderway');

    const repository = this.repository;
    const [outlets, bank, redLines, checklist, publication] = await Promise.all([
      repository.outletTallies(month),
      repository.tallies('bank', ['bank'], month),
      repository.redLineFindings(month),
      this.checklist(),
      repository.circularPublication(month),
    ]);
    const regionIds = [...new Set(outlets.map((o) => o.regionId))];
    const regionTallies = await repository.tallies('region', regionIds, month);
    // Rounds were owed on the configured weekdays of the month, up to yesterday for the month under way.
    const last = month === thisMonth ? addDays(today, -1) : daysOf(month, 'month').last;
    const first = `${month}-01`;
    const owedDays = last < first ? [] : openDays(first, last, this.deps.config.SELF_CHECK_WEEKDAYS);
    const result = circular({
      month,
      outlets,
      regions: regionTallies,
      bank: bank.get('bank') ?? EMPTY_TALLY,
      redLineFindings: redLines,
      owedRounds: owedDays.length * DEFAULT_CADENCE.selfCheckRoundsPerDay,
      top: CIRCULAR_TOP,
      ended: month < thisMonth,
    });

    // Names for what the circular shows: its regions and the outlets it names (never the directory).
    const named = new Set(
      [...result.best, ...result.weakest, ...result.overdue.slice(0, CIRCULAR_TOP)].map((o) => o.outletId),
    );
    for (const t of redLines) named.add(t.outletId);
    const [outletNames, regions] = await Promise.all([
      this.directory.outletsOf([...named]),
      this.directory.regions(),
    ]);
    const regionName = new Map(regions.map((r) => [r.id, localized(r.name, lang)]));
    const itemText = new Map(allItems(checklist).map((i) => [i.id, localized(i.text, lang)]));
    const outletName = (id: string) => {
      const o = outletNames.get(id);
      return o ? localized(o.name, lang) : id;
    };
    const outletRow = (o: CircularOutlet) => ({
      ...o,
      name: outletName(o.outletId),
      regionName: regionName.get(o.regionId) ?? o.regionId,
    });
    return {
      month,
      underway: month === thisMonth,
      published: publication
        ? { publishedAt: publication.publishedAt, publishedBy: publication.publishedBy }
        : null,
      // Only the supervision centre publishes, and only a month that has ended and is not yet out.
      mayPublish: viewer.supervisionCentre && monthEnded(month, today) && !publication,
      owedDays: owedDays.length,
      bank: result.bank,
      regions: result.regions.map((r) => ({ ...r, name: regionName.get(r.regionId) ?? r.regionId })),
      outletCount: result.outlets.length,
      best: result.best.map(outletRow),
      weakest: result.weakest.map(outletRow),
      overdue: result.overdue.slice(0, CIRCULAR_TOP).map(outletRow),
      overdueOutlets: result.overdue.length,
      mostFailed: result.mostFailed.map((i) => ({ ...i, text: itemText.get(i.itemId) ?? i.itemId })),
      redLineFindings: result.redLineFindings.map((t) => ({
        id: t.id,
        outletId: t.outletId,
        outletName: outletName(t.outletId),
        regionName: regionName.get(t.regionId) ?? t.regionId,
        itemId: t.itemId,
        itemText: itemText.get(t.itemId) ?? t.itemId,
        foundAt: t.foundAt,
        dueAt: t.dueAt,
        status: t.status,
        statusName: say(lang, `rectification.${t.status}`),
        repeated: t.repeated,
      })),
      // Every outlet's row, for the CSV: named in batches of 100 only when asked for.
      allOutlets: async () => {
        const names = await this.directory.outletsOf(result.outlets.map((o) => o.outletId));
        return result.outlets.map((o) => ({
          ...o,
          name: names.get(o.outletId) ? localized((names.get(o.outletId) as Outlet).name, lang) : o.outletId,
          regionName: regionName.get(o.regionId) ?? o.regionId,
        }));
      },
    };
  }

  /**
   * The supervision centre publishes a month's circular (通报) once the month has ended: one
   * record, written once (a second publication is a conflict), which carries the notice to every
   * outlet manager for the outbox, so the notice goes out exactly when the record exists, however
   * long the notifier is down.
   */
  async publishCircular(principal: Principal, month: string): Promise<CircularPublication> {
    if (!isSupervisionCentre(principal)) throw forbidden('forbidden.circularPublish');
    const now = this.deps.now();
    const today = localDate(now, this.deps.config.TIME_ZONE);
    if (month > today.slice(0, 7)) throw invalid({ month: 'field.month.future' });
    if (!monthEnded(month, today)) throw conflict(message('conflict.circularMonthUnderway', { month }));
    const publication: CircularPublication = {
      month,
      publishedAt: now.toISOString(),
      publishedBy: principal.displayName,
      publishedByUsername: principal.username,
    };
    const notice = circularPublishedNotice(publication, this.deps.config.PUBLIC_BASE_URL);
    if (!(await this.repository.publishCircular(publication, notice)))
      throw conflict(message('conflict.circularPublished', { month }));
    this.deps.metrics.count('CircularPublished');
    return publication;
  }

  // -------------------------------------------------------------------------------------------
  // Mystery visits

  /** Head office plans a visit; the answer holds the link's token, shown this once and stored only as a hash. */
  async planVisit(
    principal: Principal,
    request: { outletId: string; deadline: string; pseudonym?: string | undefined },
  ) {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.mysteryPlan');
    const outlet = await this.directory.outlet(request.outletId);
    if (!outlet?.active) throw notFound('notFound.outletOutOfService');
    const now = this.deps.now();
    const token = randomBytes(24).toString('base64url');
    const id = randomBytes(9).toString('base64url');
    const visit: MysteryVisit = {
      id,
      outletId: outlet.id,
      regionId: outlet.regionId,
      halfYear: halfYearOf(localDate(now, this.deps.config.TIME_ZONE)),
      pseudonym: request.pseudonym ?? `神秘人 ${id.slice(0, 4).toUpperCase()}`,
      deadline: request.deadline,
      status: 'planned',
      plannedBy: principal.username,
      plannedAt: now.toISOString(),
    };
    await this.repository.planVisit(visit, tokenHash(token));
    return { visit, token };
  }

  async visits(principal: Principal, halfYear: string) {
    if (!isHeadOffice(principal)) throw forbidden('forbidden.mysteryPlan');
    return this.repository.visitsOf(halfYear);
  }

  /** What the link opens: the visit's outlet and deadline, and the checklist to fill. */
  async visitByLink(token: string) {
    const visit = await this.repository.visitByToken(tokenHash(token));
    if (!visit || !linkOpen(visit, this.deps.now())) throw notFound('notFound.mysteryLink');
    return { visit, checklist: await this.checklist() };
  }

  // -------------------------------------------------------------------------------------------
  // Photos

  private get photos(): PhotoStore {
    if (!this.deps.photos) throw new Error('This function has no photo store');
    return this.deps.photos;
  }

  /**
   * A presigned POST for one photo, under the key of what it belongs to:
   * `photos/inspections/<inspection id>/<random>.<ext>` or `photos/rectifications/<task id>/…`.
   * For an inspection: anyone who may make some kind of inspection (lobby staff, the supervision
   * centre, a region's team) or the holder of an open mystery link, the inspection not stored yet
   * or within their reach; for a task: its outlet's manager. The size and type are checked here
   * for the caller's sake; the policy makes the store refuse anything else.
   */
  async presignPhoto(inspector: Inspector, request: PhotoUploadRequest) {
    const maxBytes = this.deps.config.PHOTO_MAX_BYTES;
    if ((request.inspectionId === undefined) === (request.rectificationId === undefined))
      throw invalid({ inspectionId: 'field.photo.target' });
    if (request.size > maxBytes) throw invalid({ size: message('field.photo.tooLarge', { max: maxBytes }) });
    let key: string;
    if (request.inspectionId !== undefined) {
      const existing = await this.repository.get(request.inspectionId);
      if (inspector.kind === 'mystery') {
        const visit = await this.repository.visitByToken(tokenHash(inspector.token));
        if (!visit || !linkOpen(visit, this.deps.now()) || existing) throw notFound('notFound.mysteryLink');
      } else {
        const p = inspector.principal;
        if (existing && !visibleTo(existing, viewerOf(p))) throw notFound('notFound.inspection');
        if (lobbiesOf(p).length === 0 && !isSupervisionCentre(p) && inspectedRegionsOf(p).length === 0)
          throw forbidden('forbidden.inspectionKind');
      }
      key = photoFolder({ kind: 'inspections', id: request.inspectionId });
    } else {
      if (inspector.kind === 'mystery') throw notFound('notFound.rectification');
      const task = await this.repository.rectification(request.rectificationId ?? '');
      const p = inspector.principal;
      if (!task || (!mayManage(p, task.outletId) && !mayReview(p, task.regionId)))
        throw notFound('notFound.rectification');
      if (!mayManage(p, task.outletId)) throw forbidden('forbidden.rectification');
      key = photoFolder({ kind: 'rectifications', id: task.id });
    }
    key += `${randomBytes(12).toString('base64url')}.${request.contentType === 'image/webp' ? 'webp' : 'jpg'}`;
    const upload = await this.photos.presignUpload({
      key,
      contentType: request.contentType,
      maxBytes,
      expiresInSeconds: PHOTO_UPLOAD_SECONDS,
    });
    return { ...upload, key, maxBytes };
  }

  /**
   * A presigned GET (5 minutes) of a photo, for a caller who may see what it belongs to: the
   * inspection (blind mystery visits: head office only) or the task (its outlet's manager and its
   * reviewers). Anything else, and any key not of that shape, answers 404 alike.
   */
  async photoUrl(principal: Principal, key: string): Promise<string> {
    const match =
      /^photos\/(inspections|rectifications)\/([A-Za-z0-9._-]{1,120})\/[A-Za-z0-9_-]{1,40}\.(jpg|webp)$/.exec(
        key,
      );
    if (!match) throw notFound('notFound.photo');
    const [, kind, id] = match as unknown as [string, string, string];
    if (kind === 'inspections') {
      const inspection = await this.repository.get(id);
      if (!inspection || !visibleTo(inspection, viewerOf(principal))) throw notFound('notFound.photo');
    } else {
      const task = await this.repository.rectification(id);
      if (!task || (!mayManage(principal, task.outletId) && !mayReview(principal, task.regionId)))
        throw notFound('notFound.photo');
    }
    return this.photos.presignRead(key, PHOTO_READ_SECONDS);
  }

  // -------------------------------------------------------------------------------------------

  private replayed(existing: Inspection, requestFingerprint: string): Inspection {
    if (existing.fingerprint !== requestFingerprint) throw conflict('conflict.inspectionReused');
    return existing;
  }

  /** Whether this inspector may make this kind of inspection here; for a link, the visit it opens. */
  private async checkReach(inspector: Inspector, request: InspectionRequest, regionId: string, now: Date) {
    if (inspector.kind === 'mystery') {
      const visit = await this.repository.visitByToken(tokenHash(inspector.token));
      if (
        !visit ||
        !linkOpen(visit, now) ||
        visit.outletId !== request.outletId ||
        request.kind !== 'mystery-visit'
      )
        throw notFound('notFound.mysteryLink');
      return visit;
    }
    const p = inspector.principal;
    const allowed =
      (request.kind === 'self-check' && lobbiesOf(p).includes(request.outletId)) ||
      (request.kind === 'spot-check' && isSupervisionCentre(p)) ||
      (request.kind === 'joint-check' && inspectedRegionsOf(p).includes(regionId));
    if (!allowed) throw forbidden('forbidden.inspectionKind');
    return undefined;
  }

  /**
   * What an inspection adds to its month's tallies (its outlet's, region's and the bank's), and
   * each of its tasks to the month it falls due in, merged so each tally is written once.
   */
  private tallyChangesOf(inspection: Inspection, tasks: readonly Rectification[]): TallyChange[] {
    return mergeTallyChanges([
      ...tallyChanges(inspection, tallyMonth(inspection), inspectionCounts(inspection), roundOf(inspection)),
      ...tasks.flatMap((task) => tallyChanges(task, this.dueMonth(task), TASK_DUE)),
    ]);
  }

  /** The bank month a task falls due in. */
  private dueMonth(task: Pick<Rectification, 'dueAt'>): string {
    return localDate(new Date(task.dueAt), this.deps.config.TIME_ZONE).slice(0, 7);
  }

  /** A task for each finding, due by its severity; repeated when the outlet's previous inspection found it too. */
  private async tasksFor(inspection: Inspection, now: Date): Promise<Rectification[]> {
    const failed = inspection.result.items.filter((i) => i.failed);
    if (failed.length === 0) return [];
    const month = inspection.date.slice(0, 7);
    const previous = await this.repository.latestBefore(
      inspection.outletId,
      month,
      previousPeriod(month, 'month'),
      inspection.submittedAt,
    );
    const repeated = repeatedItems(
      failed.map((i) => i.itemId),
      previous?.result.items.filter((i) => i.failed).map((i) => i.itemId) ?? [],
    );
    return failed.map((item) => {
      const task: Rectification = {
        id: `${inspection.id}.${item.itemId}`,
        inspectionId: inspection.id,
        outletId: inspection.outletId,
        regionId: inspection.regionId,
        itemId: item.itemId,
        redLine: item.redLine,
        repeated: repeated.has(item.itemId),
        foundAt: now.toISOString(),
        month: tallyMonth(inspection),
        dueAt: rectificationDue(now, item.redLine, this.deadlines, this.deps.config.TIME_ZONE).toISOString(),
        status: 'open',
        version: 1,
      };
      return { ...task, alertAt: nextAlertAt(task, this.deadlines) };
    });
  }
}

/** How many outlets the circular names as best and weakest, and how many items it lists as most failed. */
export const CIRCULAR_TOP = 10;

type NamedOutlet = CircularOutlet & { name: string; regionName: string };
export interface CircularView {
  month: string;
  /** The month is not over: its figures are so far. */
  underway: boolean;
  /** When the month's circular was published (通报) and by whom (a display name); null if not yet. */
  published: { publishedAt: string; publishedBy: string } | null;
  /** Whether the caller may publish it now: the supervision centre, the month over, not yet published. */
  mayPublish: boolean;
  /** Days self-check rounds were owed on. */
  owedDays: number;
  bank: SupervisionFigures;
  regions: (CircularRegion & { name: string })[];
  outletCount: number;
  best: NamedOutlet[];
  weakest: NamedOutlet[];
  overdue: NamedOutlet[];
  overdueOutlets: number;
  mostFailed: { itemId: string; failures: number; text: string }[];
  redLineFindings: {
    id: string;
    outletId: string;
    outletName: string;
    regionName: string;
    itemId: string;
    itemText: string;
    foundAt: string;
    dueAt: string;
    status: Rectification['status'];
    /** The state's name in the caller's language. */
    statusName: string;
    repeated: boolean;
  }[];
  allOutlets: () => Promise<NamedOutlet[]>;
}

/** The bank's rectification deadlines, as configured. */
export function rectificationDeadlines(
  c: Pick<AppConfig, 'RECTIFY_RED_LINE_DAYS' | 'RECTIFY_OTHER_DAYS' | 'RECTIFY_REMIND_BEFORE_DAYS'>,
): RectificationDeadlines {
  return {
    redLineDays: c.RECTIFY_RED_LINE_DAYS,
    otherDays: c.RECTIFY_OTHER_DAYS,
    remindBeforeDays: c.RECTIFY_REMIND_BEFORE_DAYS,
  };
}

export function viewerOf(p: Principal): SupervisionViewer {
  return {
    headOffice: isHeadOffice(p),
    supervisionCentre: isSupervisionCentre(p),
    regions: inspectedRegionsOf(p),
    outlets: [...outletsOf(p), ...lobbiesOf(p)],
  };
}

/** The outlet's manager answers its tasks. */
const mayManage = (p: Principal, outletId: string) => outletsOf(p).includes(outletId);
/** The supervision centre, the region's team and head office review them. */
const mayReview = (p: Principal, regionId: string) =>
  isHeadOffice(p) || isSupervisionCentre(p) || inspectedRegionsOf(p).includes(regionId);
