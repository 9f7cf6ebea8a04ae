import { useCallback, useMemo } from 'react';
import type { UserDto } from '../../shared/api/auth';
import type { RequestDto } from '../../shared/api/requests';
import { getSchool } from '../api';
import { listRequests } from '../api/requests';
import { calendarSubscribeLinks, getSchoolFeedLink, ownVisitIcsUrl } from '../api/schoolContact';
import { LoadError } from '../components/LoadError';
import { CopyField } from '../components/requests/CopyField';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { followUrlOf, MY_REQUESTS_PATH, OPEN_VISIT_STATUSES as OPEN_VISIT } from '../model/myRequests';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import '../components/requests/requests.css';
import '../components/schoolContact/myRequests.css';

/**
 * "Mijn aanvragen" (/mijn-aanvragen): a school contact's requests and visits, per school: status, dates and times,
 * a calendar file per visit, the school's calendar subscription, and a link to each request's page to change or
 * cancel it (see MyRequestPage).
 */
export function MyRequestsPage() {
  return <CrewGate roles={rolesFor('mine')}>{(user) => <MyRequests user={user} />}</CrewGate>;
}

function MyRequests({ user }: { user: UserDto }) {
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => listRequests({ pageSize: 1000 }, signal), []);
  const requests = useResource(load);
  const bySchool = useMemo(() => {
    const map = new Map<string, RequestDto[]>();
    for (const id of user.schoolIds) map.set(id, []);
    for (const r of requests.data?.items ?? []) if (r.schoolId) map.get(r.schoolId)?.push(r);
    return map;
  }, [requests.data, user.schoolIds]);

  return (
    <div className="page-scroll">
      <div className="page wide my-requests">
        <h1>{t('mine.heading')}</h1>
        <p className="muted">{t('mine.intro')}</p>
        <p>
          <a className="button-secondary" href="/aanvragen">
            {t('mine.newRequest')}
          </a>
        </p>
        {user.schoolIds.length === 0 ? <p className="notice notice-error">{t('mine.noSchools')}</p> : null}
        {requests.status === 'error' ? <LoadError error={requests.error} onRetry={requests.reload} /> : null}
        {requests.status === 'loading' ? <p role="status">{t('common.loading')}</p> : null}
        {[...bySchool.entries()].map(([schoolId, list]) => (
          <SchoolSection key={schoolId} schoolId={schoolId} requests={list} isLoaded={requests.status === 'ready'} />
        ))}
      </div>
    </div>
  );
}

function SchoolSection({
  schoolId,
  requests,
  isLoaded,
}: {
  schoolId: string;
  requests: RequestDto[];
  isLoaded: boolean;
}) {
  const { t } = useI18n();
  const loadSchool = useCallback((signal: AbortSignal) => getSchool(schoolId, signal), [schoolId]);
  const school = useResource(loadSchool);
  const name = school.data?.name ?? requests[0]?.schoolName ?? schoolId;
  const headingId = `school-${schoolId}`;
  const sorted = [...requests].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return (
    <section className="mine-school" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {isLoaded && sorted.length === 0 ? <p className="muted">{t('mine.none')}</p> : null}
      {sorted.length > 0 ? (
        <div className="mine-table-scroll">
          <table className="mine-table">
            <caption className="visually-hidden">{t('mine.tableCaption', { school: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('req.reference')}</th>
                <th scope="col">{t('mine.col.status')}</th>
                <th scope="col">{t('mine.col.when')}</th>
                <th scope="col">{t('mine.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <RequestRow key={r.id} request={r} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <FeedSubscription schoolId={schoolId} schoolName={name} />
    </section>
  );
}

/** Open visits first (by date), then open requests, then ended ones (newest first). */
function sortKey(r: RequestDto): string {
  if (r.visit && OPEN_VISIT.includes(r.status)) return `0${r.visit.date}${r.visit.start}`;
  if (r.status === 'submitted' || r.status === 'accepted') return `1${r.preferredWeeks[0]?.from ?? ''}`;
  return `2${String(9e12 - Date.parse(r.submittedAt)).padStart(14, '0')}`;
}

function RequestRow({ request: r }: { request: RequestDto }) {
  const { t, formatDate } = useI18n();
  const follow = followUrlOf(r);
  const detail = `${MY_REQUESTS_PATH}/${r.id}`;
  return (
    <tr data-request-id={r.id}>
      <th scope="row">
        <a href={detail}>{r.reference}</a>
      </th>
      <td>
        <span className={`status-badge status-${r.status}`}>{t(`status.${r.status}`)}</span>
      </td>
      <td>
        {r.visit ? (
          <span data-testid="visit-when">
            {formatDate(r.visit.date)}, {t('mine.sessionTimes', { start: r.visit.start, end: r.visit.end })}
            <br />
            <span className="muted">{t('mine.arrival', { arrive: r.visit.arrive })}</span>
          </span>
        ) : (
          <span>
            {t('mine.preferred')}:{' '}
            {r.preferredWeeks.map((w) => `${formatDate(w.from)} – ${formatDate(w.to)}`).join('; ')}
          </span>
        )}
      </td>
      <td>
        <ul className="mine-actions">
          <li>
            <a href={detail}>{t('mine.open', { reference: r.reference })}</a>
          </li>
          {r.visit && r.status !== 'declined' ? (
            <li>
              <a href={ownVisitIcsUrl(r.id)} download>
                {t('mine.ics')}
                <span className="visually-hidden"> ({r.reference})</span>
              </a>
            </li>
          ) : null}
          {follow ? (
            <li>
              <a href={follow} className="mine-follow">
                {t('mine.follow')}
              </a>
            </li>
          ) : null}
        </ul>
      </td>
    </tr>
  );
}

/** The school's calendar subscription: its secret URL (copy) and one-click links for Google and Outlook. */
function FeedSubscription({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => getSchoolFeedLink(schoolId, signal), [schoolId]);
  const feed = useResource(load);
  const headingId = `feed-${schoolId}`;
  const links = feed.data ? calendarSubscribeLinks(feed.data.url, `Techniekwagen – ${schoolName}`) : null;
  return (
    <div className="mine-feed" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('mine.feed.heading')}</h3>
      <p className="muted">{t('mine.feed.explain')}</p>
      {feed.status === 'error' ? <LoadError error={feed.error} onRetry={feed.reload} /> : null}
      {feed.data && links ? (
        <>
          <CopyField
            id={`feed-url-${schoolId}`}
            label={t('mine.feed.url')}
            hint={t('mine.feed.secret')}
            value={feed.data.url}
          />
          <ul className="mine-feed-links">
            <li>
              <a href={links.google} target="_blank" rel="noopener noreferrer">
                {t('mine.feed.google')}
              </a>
            </li>
            <li>
              <a href={links.outlook} target="_blank" rel="noopener noreferrer">
                {t('mine.feed.outlook')}
              </a>
            </li>
            <li>
              <a href={links.webcal}>{t('mine.feed.webcal')}</a>
            </li>
          </ul>
        </>
      ) : null}
    </div>
  );
}
