import { useCallback, useMemo, useState } from 'react';
import { REQUEST_STATUSES, type RequestDto, type RequestStatus } from '../../shared/api/requests';
import { ApiError } from '../api';
import { changeRequestStatus, listRequests } from '../api/requests';
import { LoadError } from '../components/LoadError';
import { ReasonDialog } from '../components/requests/ReasonDialog';
import { RequestSummary } from '../components/requests/RequestSummary';
import { useDateTime } from '../components/requests/StatusTimeline';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { truckName } from '../model/trucks';
import '../components/requests/requests.css';

type InboxFilter = 'new' | 'all' | RequestStatus;
const FILTERS: readonly InboxFilter[] = ['new', 'all', ...REQUEST_STATUSES];
const OPEN: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'moved'];
const ENDED_SHOWN_DAYS = 14;

/**
 * A request that ended without the crew (the school cancelled, or it aged out) after it was planned or while it
 * waited, in the last two weeks: "Nieuw en gewijzigd" shows it, with who did it and why.
 */
export function endedWithoutCrew(r: RequestDto, now = Date.now()): boolean {
  const last = r.history.at(-1);
  if (!last || (r.status !== 'cancelled' && r.status !== 'declined')) return false;
  const byOthers = last.by === 'school (statuslink)' || Boolean(last.by?.startsWith('systeem'));
  return byOthers && now - Date.parse(last.at) < ENDED_SHOWN_DAYS * 86_400_000;
}

/** True when the wishes changed after the last status change (the school edited them). */
export function isChangedSinceStatus(r: RequestDto): boolean {
  const last = r.history.at(-1);
  return Boolean(last) && Date.parse(r.updatedAt) - Date.parse(last!.at) > 1000;
}

function readFilter(): InboxFilter {
  const value = new URLSearchParams(window.location.search).get('status');
  return FILTERS.includes(value as InboxFilter) ? (value as InboxFilter) : 'new';
}

/** The crew's inbox (/inbox): new and changed requests to accept or decline. */
export function InboxPage() {
  return <CrewGate roles={rolesFor('inbox')}>{() => <Inbox />}</CrewGate>;
}

function Inbox() {
  const { t, tp, formatDate } = useI18n();
  const dateTime = useDateTime();
  const [filter, setFilterState] = useState<InboxFilter>(readFilter);
  const load = useCallback((signal: AbortSignal) => listRequests({ pageSize: 1000 }, signal), []);
  const res = useResource(load);
  const [overrides, setOverrides] = useState<Record<string, RequestDto>>({});
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [declining, setDeclining] = useState<RequestDto | null>(null);
  const [declineError, setDeclineError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const setFilter = (next: InboxFilter) => {
    setFilterState(next);
    const url = next === 'new' ? window.location.pathname : `${window.location.pathname}?status=${next}`;
    window.history.replaceState(window.history.state, '', url);
  };

  const all = useMemo(() => (res.data?.items ?? []).map((r) => overrides[r.id] ?? r), [res.data, overrides]);
  const shown = useMemo(
    () =>
      all.filter((r) =>
        // What the crew just acted on stays in view (with its new status) until the list is refreshed.
        r.id in overrides || filter === 'all'
          ? true
          : filter === 'new'
            ? r.status === 'submitted' || (OPEN.includes(r.status) && isChangedSinceStatus(r)) || endedWithoutCrew(r)
            : r.status === filter,
      ),
    [all, filter, overrides],
  );

  const act = async (r: RequestDto, status: RequestStatus, reason?: string) => {
    setBusyId(r.id);
    setProblem(null);
    try {
      const updated = await changeRequestStatus(r.id, { version: r.version, status, ...(reason ? { reason } : {}) });
      setOverrides((o) => ({ ...o, [r.id]: updated }));
      setAnnouncement(
        t(status === 'accepted' ? 'inbox.accepted' : status === 'done' ? 'inbox.doneAnnounce' : 'inbox.declined', {
          reference: r.reference,
        }),
      );
      setDeclining(null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (status === 'declined' && !(err instanceof ApiError && err.status === 409)) setDeclineError(message);
      else {
        setDeclining(null);
        setProblem(message);
        setOverrides({});
        res.reload();
      }
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="page-scroll">
      <div className="page">
        <h1>{t('inbox.heading')}</h1>
        <div className="toolbar">
          <div className="form-field inline">
            <label htmlFor="inbox-filter">{t('inbox.filter')}</label>
            <select id="inbox-filter" value={filter} onChange={(e) => setFilter(e.target.value as InboxFilter)}>
              {FILTERS.map((f) => (
                <option key={f} value={f}>
                  {f === 'new' ? t('inbox.filterNew') : f === 'all' ? t('inbox.filterAll') : t(`status.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button-secondary" onClick={() => (setOverrides({}), res.reload())}>
            {t('inbox.refresh')}
          </button>
        </div>
        <p role="status" className="inbox-count">
          {res.status === 'loading'
            ? t('common.loading')
            : res.status === 'ready'
              ? tp('inbox.count', shown.length)
              : ''}
        </p>
        <div role="status" className="visually-hidden">
          {announcement}
        </div>
        {problem ? (
          <div className="notice notice-error" role="alert">
            {problem}
          </div>
        ) : null}
        {res.status === 'error' ? <LoadError error={res.error} onRetry={res.reload} /> : null}
        {res.status === 'ready' && shown.length === 0 ? <p>{t('inbox.empty')}</p> : null}
        <ul className="inbox-list">
          {shown.map((r) => (
            <li key={r.id}>
              <article className="request-card" aria-labelledby={`req-${r.id}`}>
                <header>
                  <h2 id={`req-${r.id}`}>
                    {r.schoolName} <span className="muted">{r.reference}</span>
                  </h2>
                  <p className="badges">
                    <span className={`status-badge status-${r.status}`}>{t(`status.${r.status}`)}</span>
                    {isChangedSinceStatus(r) && OPEN.includes(r.status) ? (
                      <span className="badge-changed">{t('inbox.changed', { at: dateTime(r.updatedAt) })}</span>
                    ) : null}
                    {r.newSchool ? <span className="badge-changed">{t('inbox.newSchool')}</span> : null}
                  </p>
                </header>
                {r.duplicateOf ? (
                  <p className="duplicate-flag" role="note">
                    <strong>{t('inbox.duplicate')}</strong> {t('inbox.duplicateText', { reference: r.duplicateOf })}
                  </p>
                ) : null}
                {endedWithoutCrew(r) ? (
                  <p className="duplicate-flag" role="note" data-testid="ended-note">
                    <strong>{t('inbox.endedAfterPlanning')}</strong>{' '}
                    {t('inbox.endedBy', {
                      status: t(`status.${r.status}`),
                      by: r.history.at(-1)!.by?.startsWith('systeem') ? t('inbox.bySystem') : t('inbox.bySchool'),
                      at: dateTime(r.history.at(-1)!.at),
                    })}
                    {r.history.at(-1)!.reason ? ` — ${r.history.at(-1)!.reason}` : '.'}
                    {r.visit
                      ? ` ${t('inbox.wasOn', { date: formatDate(r.visit.date), truck: truckName(r.visit.truckId) })}`
                      : ''}
                  </p>
                ) : null}
                <p className="muted">{t('inbox.submitted', { at: dateTime(r.submittedAt) })}</p>
                {r.newSchool ? (
                  <p>
                    {r.newSchool.street}, {r.newSchool.postcode} {r.newSchool.place}
                  </p>
                ) : null}
                <RequestSummary request={r} />
                <div className="form-actions">
                  {r.status === 'submitted' ? (
                    <button
                      type="button"
                      className="button-primary"
                      disabled={busyId === r.id}
                      onClick={() => void act(r, 'accepted')}
                    >
                      {t('inbox.accept')}
                      <span className="visually-hidden"> {r.reference}</span>
                    </button>
                  ) : null}
                  {(r.status === 'planned' || r.status === 'moved' || r.status === 'confirmed') &&
                  r.visit &&
                  r.visit.date <= new Date().toISOString().slice(0, 10) ? (
                    <button
                      type="button"
                      className="button-primary"
                      disabled={busyId === r.id}
                      onClick={() => void act(r, 'done')}
                    >
                      {t('inbox.markDone')}
                      <span className="visually-hidden"> {r.reference}</span>
                    </button>
                  ) : null}
                  {r.status === 'submitted' || r.status === 'accepted' ? (
                    <button
                      type="button"
                      className="button-danger"
                      disabled={busyId === r.id}
                      onClick={() => (setDeclineError(null), setDeclining(r))}
                    >
                      {t('inbox.decline')}
                      <span className="visually-hidden"> {r.reference}</span>
                    </button>
                  ) : null}
                </div>
              </article>
            </li>
          ))}
        </ul>
        <ReasonDialog
          open={declining !== null}
          title={t('inbox.declineTitle', { reference: declining?.reference ?? '' })}
          text={t('inbox.declineText')}
          label={t('inbox.declineReason')}
          isRequired
          confirmLabel={t('inbox.declineConfirm')}
          error={declineError}
          isBusy={busyId !== null}
          onConfirm={(reason) => void (declining && act(declining, 'declined', reason))}
          onClose={() => setDeclining(null)}
        />
      </div>
    </div>
  );
}
