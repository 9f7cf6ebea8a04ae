import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { PlanDto } from '../../shared/api/plans';
import { addDays } from '../../shared/domain/time';
import { ApiError, listCalendar, listDepots, listRegions } from '../api';
import {
  cancelPlanRun,
  createPlan,
  editPlanRoutes,
  getPlan,
  listPlans,
  listTrucks,
  moveVisit,
  publishPlan,
  type CheckedPlanDto,
  type PublishReportDto,
} from '../api/plans';
import { LoadError } from '../components/LoadError';
import { AlternativesPanel, ChosenAlternativeNote } from '../components/planning/AlternativesPanel';
import { MoveDialog } from '../components/planning/MoveDialog';
import { WhatIfForm } from '../components/planning/WhatIfForm';
import { SCENARIO_TRUCK_ID, type Scenario } from '../../shared/optimizer/scenarios';
import { PlanCalendar, type CalendarView } from '../components/planning/PlanCalendar';
import { UnassignedList } from '../components/planning/PlanFigures';
import {
  monthWeeks,
  periodWeekdays,
  routesWithout,
  visitsByCell,
  weekOf,
  type BoardVisit,
} from '../components/planning/planMath';
import { PlanProgress } from '../components/planning/PlanProgress';
import { PlanStartForm } from '../components/planning/PlanStartForm';
import { PublishReport } from '../components/planning/PublishReport';
import { DayFlags } from '../components/planning/DayFlags';
import { RoutePanel } from '../components/planning/RoutePanel';
import { closedDays, mondayOf } from '../components/requests/weeks';
import { useResource } from '../hooks/useResource';
import { todayIso } from '../hooks/useWeekData';
import { useI18n } from '../i18n/I18nProvider';
import { usePlanLabels } from '../hooks/usePlanLabels';
import { truckName } from '../model/trucks';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import '../components/planning/planning.css';

/** The seeded truck, chosen by default; the board offers every active truck of GET /api/trucks. */
const DEFAULT_TRUCKS = ['wagen-1'];
const POLL_MS = 500;
const isRunning = (p: PlanDto | null) => p?.status === 'queued' || p?.status === 'running';

function readParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

function writeParams(params: Record<string, string | null>) {
  const search = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v) search.set(k, v);
    else search.delete(k);
  }
  const qs = search.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
}

/** The crew's planning board (/planning). */
export function PlanningBoardPage() {
  return <CrewGate roles={rolesFor('planning')}>{(user) => <Board canWrite={user.role !== 'coordinator'} />}</CrewGate>;
}

type Notice = { kind: 'ok' | 'error'; title: string; lines: string[] } | null;

function Board({ canWrite }: { canWrite: boolean }) {
  const { t, lang, formatDate } = useI18n();
  const locale = lang === 'nl' ? nl : enGB;
  const plansRes = useResource(listPlans);
  const trucksRes = useResource(listTrucks);
  const regionsRes = useResource(listRegions);
  const depotsRes = useResource(listDepots);
  const nextMonday = addDays(mondayOf(todayIso()), 7);
  const [from, setFrom] = useState(nextMonday);
  const [to, setTo] = useState(addDays(nextMonday, 25));
  const [truckIds, setTruckIds] = useState<string[]>(DEFAULT_TRUCKS);
  const [withAlternatives, setWithAlternatives] = useState(true);
  const [planId, setPlanId] = useState<string | null>(() => readParam('plan'));
  const [plan, setPlan] = useState<PlanDto | null>(null);
  const [compareId, setCompareId] = useState<string | null>(() => readParam('compare'));
  const [compare, setCompare] = useState<PlanDto | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [view, setView] = useState<CalendarView>('week');
  const [anchor, setAnchor] = useState<string | null>(null);
  const [selected, setSelected] = useState<{ truck: string; date: string } | null>(null);
  const [busyRequest, setBusyRequest] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [moving, setMoving] = useState<BoardVisit | null>(null);
  const [closed, setClosed] = useState<Map<string, string>>(new Map());
  const [isStarting, setStarting] = useState(false);
  const [isConfirmingPublish, setConfirmingPublish] = useState(false);
  const [report, setReport] = useState<PublishReportDto | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const knownTrucks = useMemo(
    () =>
      [
        ...new Set([
          ...DEFAULT_TRUCKS,
          ...(trucksRes.data ?? []).filter((t) => t.active).map((t) => t.id),
          ...(plansRes.data ?? []).flatMap((p) => p.truckIds),
        ]),
      ]
        .filter((id) => id !== SCENARIO_TRUCK_ID)
        .sort(),
    [plansRes.data, trucksRes.data],
  );

  // Load the chosen plan, and keep polling it while it runs.
  const reloadPlans = plansRes.reload; // stable: the plan list only needs a refresh when a run ends
  useEffect(() => {
    writeParams({ plan: planId });
    if (!planId) return setPlan(null);
    const controller = new AbortController();
    let timer = 0;
    const poll = () =>
      getPlan(planId, controller.signal).then(
        (p) => {
          setPlan(p);
          setLoadError(null);
          if (isRunning(p)) timer = window.setTimeout(() => void poll(), POLL_MS);
          else reloadPlans();
        },
        (err: unknown) => {
          if (!controller.signal.aborted) setLoadError(err instanceof Error ? err : new Error(String(err)));
        },
      );
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [planId, reloadPlans]);

  useEffect(() => {
    writeParams({ compare: compareId });
    if (!compareId) return setCompare(null);
    const controller = new AbortController();
    getPlan(compareId, controller.signal).then(setCompare, () => setCompare(null));
    return () => controller.abort();
  }, [compareId]);

  // The period's holidays, and a first day to show, once a plan is known.
  const [planFrom, planTo] = [plan?.from, plan?.to];
  useEffect(() => {
    if (!planFrom || !planTo) return;
    setAnchor((a) => a ?? planFrom);
    const controller = new AbortController();
    listCalendar({ from: planFrom, to: planTo }, controller.signal).then(
      (e) => setClosed(closedDays(e)),
      () => undefined,
    );
    return () => controller.abort();
  }, [planFrom, planTo]);

  useEffect(() => {
    if (!plan?.plan || selected) return;
    const first = plan.plan.routes[0];
    if (first) setSelected({ truck: first.truck, date: first.date });
  }, [plan, selected]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const visits = useMemo(() => (plan ? visitsByCell(plan) : new Map<string, BoardVisit[]>()), [plan]);
  const trucks = useMemo(
    () => (plan?.truckIds ?? truckIds).map((id) => ({ id, name: truckName(id) })),
    [plan, truckIds],
  );
  const isEditable = canWrite && plan?.status === 'done' && busyRequest === null;

  const start = async (e: FormEvent | null, basePlanId?: string) => {
    e?.preventDefault();
    setStarting(true);
    setNotice(null);
    setReport(null);
    try {
      const input =
        basePlanId && plan
          ? { from: plan.from, to: plan.to, truckIds: plan.truckIds, basePlanId }
          : { from, to, truckIds, alternatives: withAlternatives };
      const created = await createPlan(input);
      if (basePlanId) setCompareId(basePlanId);
      setSelected(null);
      setAnchor(created.from);
      setPlan(created);
      setPlanId(created.id);
    } catch (err) {
      setNotice({
        kind: 'error',
        title: t('board.startFailed'),
        lines: [err instanceof Error ? err.message : String(err)],
      });
    } finally {
      setStarting(false);
    }
  };

  /** "Wat als…": the same requests with one change, opened beside the current plan to compare. */
  const runWhatIf = async (scenario: Scenario) => {
    if (!plan) return;
    setStarting(true);
    setNotice(null);
    setReport(null);
    try {
      const base = plan;
      const created = await createPlan({
        from: base.from,
        to: base.to,
        truckIds: base.truckIds.filter((id) => knownTrucks.includes(id)),
        seed: base.seed,
        timeLimitSeconds: base.timeLimitSeconds,
        scenario,
      });
      setCompareId(base.id);
      setSelected(null);
      setPlan(created);
      setPlanId(created.id);
    } catch (err) {
      setNotice({
        kind: 'error',
        title: t('whatif.failed'),
        lines: [err instanceof Error ? err.message : String(err)],
      });
    } finally {
      setStarting(false);
    }
  };

  /** Applies a checked edit: saved (new plan) or refused (the reasons, and the board stays as it was). */
  const applyChecked = (result: CheckedPlanDto, okText: string) => {
    if (result.check.valid) {
      setPlan(result.plan);
      setNotice({ kind: 'ok', title: okText, lines: [] });
    } else {
      setNotice({
        kind: 'error',
        title: t('board.refused'),
        lines: result.check.violations.map((v) => (lang === 'en' && v.messageEn ? v.messageEn : v.message)),
      });
    }
  };

  const runEdit = async (visit: BoardVisit, action: () => Promise<CheckedPlanDto>, okText: string) => {
    if (!plan) return;
    setBusyRequest(visit.stop.request);
    setNotice(null);
    try {
      applyChecked(await action(), okText);
    } catch (err) {
      // Someone else changed the plan: show theirs (when that fails too, the notice below still says why).
      if (err instanceof ApiError && err.status === 409) await getPlan(plan.id).then(setPlan, () => undefined);
      setNotice({
        kind: 'error',
        title: t('board.editFailed'),
        lines: [err instanceof Error ? err.message : String(err)],
      });
    } finally {
      setBusyRequest(null);
    }
  };

  const move = (visit: BoardVisit, truck: string, date: string) => {
    setMoving(null);
    const name = visit.info?.schoolName ?? visit.stop.request;
    void runEdit(
      visit,
      () => moveVisit(plan!.id, { version: plan!.version, request: visit.stop.request, truck, date }),
      t('board.moved', { school: name, date: formatDate(date), truck: truckName(truck) }),
    );
  };
  const pin = (visit: BoardVisit) => {
    const pinned = visit.isPinned
      ? plan!.pinned.filter((p) => p !== visit.stop.request)
      : [...plan!.pinned, visit.stop.request];
    void runEdit(
      visit,
      () => editPlanRoutes(plan!.id, { version: plan!.version, routes: plan!.plan!.routes, pinned }),
      t(visit.isPinned ? 'board.unpinnedDone' : 'board.pinnedDone', {
        school: visit.info?.schoolName ?? visit.stop.request,
      }),
    );
  };
  const remove = (visit: BoardVisit) => {
    void runEdit(
      visit,
      () =>
        editPlanRoutes(plan!.id, {
          version: plan!.version,
          routes: routesWithout(plan!, visit.stop.request),
          pinned: plan!.pinned.filter((p) => p !== visit.stop.request),
        }),
      t('board.removed', { school: visit.info?.schoolName ?? visit.stop.request }),
    );
  };

  const cancelRun = async () => {
    if (!plan) return;
    try {
      setPlan(await cancelPlanRun(plan.id));
    } catch (err) {
      setNotice({
        kind: 'error',
        title: t('board.editFailed'),
        lines: [err instanceof Error ? err.message : String(err)],
      });
    }
  };

  const publish = async () => {
    if (!plan) return;
    setConfirmingPublish(false);
    setNotice(null);
    try {
      const result = await publishPlan(plan.id, plan.version);
      setPlan(result.plan);
      setReport(result);
      plansRes.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await getPlan(plan.id).then(setPlan, () => undefined);
      setNotice({
        kind: 'error',
        title: t('board.publishFailed'),
        lines: [err instanceof Error ? err.message : String(err)],
      });
    }
  };

  const shownAnchor = anchor ?? plan?.from ?? from;
  const step = (dir: 1 | -1) => {
    if (view === 'week') setAnchor(addDays(weekOf(shownAnchor)[0]!, 7 * dir));
    else {
      const weeks = monthWeeks(shownAnchor);
      setAnchor(dir === 1 ? addDays(weeks.at(-1)![0]!, 7) : addDays(weeks[0]![0]!, -7));
    }
  };
  const periodLabel =
    view === 'week'
      ? t('board.weekLabel', {
          from: format(parseISO(weekOf(shownAnchor)[0]!), 'd MMM', { locale }),
          to: format(parseISO(weekOf(shownAnchor)[4]!), 'd MMM yyyy', { locale }),
        })
      : format(parseISO(shownAnchor), 'MMMM yyyy', { locale });
  const labels = usePlanLabels(plansRes.data ?? []);
  const labelOf = (p: { id: string; name: string }) => labels.get(p.id) ?? p.name;
  const otherPlans = (plansRes.data ?? []).filter(
    (p) => p.id !== plan?.id && (p.status === 'done' || p.status === 'published'),
  );

  return (
    <div className="page-scroll">
      <div className="page wide planning-board">
        <h1>{t('board.heading')}</h1>
        <DayFlags canWrite={canWrite} />

        {canWrite ? (
          <PlanStartForm
            from={from}
            to={to}
            truckIds={truckIds}
            knownTrucks={knownTrucks}
            onFrom={setFrom}
            onTo={setTo}
            onTruckIds={setTruckIds}
            onSubmit={(e) => void start(e)}
            withAlternatives={withAlternatives}
            onWithAlternatives={setWithAlternatives}
            isDisabled={isStarting || isRunning(plan)}
          />
        ) : (
          <p className="note">{t('board.readOnly')}</p>
        )}

        <div className="plan-pick">
          <div className="form-field inline">
            <label htmlFor="plan-open">{t('board.open')}</label>
            <select
              id="plan-open"
              value={planId ?? ''}
              onChange={(e) => (setSelected(null), setAnchor(null), setReport(null), setPlanId(e.target.value || null))}
            >
              <option value="">{t('board.openChoose')}</option>
              {(plansRes.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {`${labelOf(p)} · ${t(`board.status.${p.status}`)}`}
                </option>
              ))}
            </select>
          </div>
          {plan?.plan ? (
            <div className="form-field inline">
              <label htmlFor="plan-compare">{t('board.compareWith')}</label>
              <select id="plan-compare" value={compareId ?? ''} onChange={(e) => setCompareId(e.target.value || null)}>
                <option value="">{t('board.compareNone')}</option>
                {otherPlans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {`${labelOf(p)} · ${t(`board.status.${p.status}`)}`}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>

        {notice ? (
          <div
            className={`notice notice-${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            tabIndex={-1}
            ref={noticeRef}
            data-testid="board-notice"
          >
            <strong>{notice.title}</strong>
            {notice.lines.length > 0 ? (
              <ul>
                {notice.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {loadError ? <LoadError error={loadError} onRetry={() => setPlanId((id) => (id ? `${id}` : id))} /> : null}
        {plansRes.status === 'error' ? <LoadError error={plansRes.error} onRetry={plansRes.reload} /> : null}

        {plan && isRunning(plan) ? (
          <PlanProgress plan={plan} onCancel={() => void cancelRun()} isCancelling={false} />
        ) : null}
        {plan?.status === 'failed' ? (
          <p className="notice notice-error" role="alert">
            {plan.error ?? t('board.failed')}
          </p>
        ) : null}
        {plan?.status === 'cancelled' ? (
          <p className="notice" role="status">
            {t('board.cancelled')}
          </p>
        ) : null}

        {plan?.plan ? (
          <>
            <div className="plan-header">
              <h2>
                {labelOf(plan)}{' '}
                <span className={`status-badge plan-${plan.status}`}>{t(`board.status.${plan.status}`)}</span>
              </h2>
              <div className="plan-actions">
                {canWrite && plan.status === 'done' ? (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void start(null, plan.id)}
                    disabled={isStarting}
                  >
                    {t('board.replan')}
                  </button>
                ) : null}
                {canWrite && plan.status === 'done' && !plan.scenario ? (
                  isConfirmingPublish ? (
                    <span className="confirm-inline" role="group" aria-label={t('board.publishConfirmLabel')}>
                      <span>{t('board.publishConfirm')}</span>
                      <button type="button" className="button-primary" onClick={() => void publish()}>
                        {t('board.publishYes')}
                      </button>
                      <button type="button" className="button-secondary" onClick={() => setConfirmingPublish(false)}>
                        {t('dialog.cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="button-primary" onClick={() => setConfirmingPublish(true)}>
                      {t('board.publish')}
                    </button>
                  )
                ) : null}
              </div>
            </div>
            {report ? <PublishReport report={report} /> : null}
            <ChosenAlternativeNote plan={plan} />
            {plan.scenario ? (
              <p className="note" data-testid="whatif-note">
                {t('whatif.note')}
              </p>
            ) : null}
            {plan.alternatives.length > 0 && plan.status === 'done' ? (
              <AlternativesPanel
                plan={plan}
                regions={regionsRes.data ?? []}
                canWrite={canWrite}
                onChosen={(updated, label) => {
                  setPlan(updated);
                  setNotice({ kind: 'ok', title: t('alt.chosenDone', { label }), lines: [] });
                }}
                onError={(message) => setNotice({ kind: 'error', title: t('alt.chooseFailed'), lines: [message] })}
              />
            ) : null}
            {plan.status === 'published' && !report ? (
              <p className="note">
                {t('board.publishedAt', { at: plan.publishedAt ? formatDate(plan.publishedAt.slice(0, 10)) : '' })}
              </p>
            ) : null}

            <div className="board-result">
              <section className="board-calendar" aria-labelledby="calendar-heading">
                <div className="calendar-bar">
                  <h3 id="calendar-heading">{t('board.calendar')}</h3>
                  <div className="view-toggle" role="group" aria-label={t('board.view')}>
                    <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
                      {t('board.viewWeek')}
                    </button>
                    <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
                      {t('board.viewMonth')}
                    </button>
                  </div>
                  <div className="calendar-nav">
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => step(-1)}
                      aria-label={view === 'week' ? t('board.prevWeek') : t('board.prevMonth')}
                    >
                      ‹
                    </button>
                    <span className="calendar-period" aria-live="polite">
                      {periodLabel}
                    </span>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => step(1)}
                      aria-label={view === 'week' ? t('board.nextWeek') : t('board.nextMonth')}
                    >
                      ›
                    </button>
                  </div>
                </div>
                {isEditable ? <p className="form-hint">{t('board.dragHint')}</p> : null}
                <div className="calendar-scroll">
                  <PlanCalendar
                    visits={visits}
                    trucks={trucks}
                    from={plan.from}
                    to={plan.to}
                    closed={closed}
                    view={view}
                    anchor={shownAnchor}
                    isEditable={Boolean(isEditable)}
                    busyRequest={busyRequest}
                    selected={selected}
                    onSelect={(truck, date) => setSelected({ truck, date })}
                    onMove={move}
                    onPin={pin}
                    onRemove={remove}
                    onOpenMove={setMoving}
                  />
                </div>
                <UnassignedList plan={plan} />
              </section>

              <RoutePanel
                plan={plan}
                compare={compare}
                selected={selected}
                regions={regionsRes.data ?? []}
                depots={depotsRes.data ?? []}
              />
            </div>
            {canWrite && (plan.status === 'done' || plan.status === 'published') && !plan.scenario ? (
              <WhatIfForm
                plan={plan}
                regions={regionsRes.data ?? []}
                isDisabled={isStarting}
                onRun={(s) => void runWhatIf(s)}
              />
            ) : null}
            <MoveDialog
              visit={moving}
              days={periodWeekdays(plan.from, plan.to)}
              trucks={trucks}
              visits={visits}
              closed={closed}
              onMove={move}
              onClose={() => setMoving(null)}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
