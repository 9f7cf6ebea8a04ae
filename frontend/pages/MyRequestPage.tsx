import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestDto } from '../../shared/api/requests';
import { ApiError } from '../api';
import { changeRequestStatus, getRequest, updateRequest } from '../api/requests';
import { ownVisitIcsUrl } from '../api/schoolContact';
import { LoadError } from '../components/LoadError';
import { RequestEditor, type RequestEditorApi, type RequestNotice } from '../components/requests/RequestEditor';
import { StatusTimeline } from '../components/requests/StatusTimeline';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { followUrlOf, MY_REQUESTS_PATH } from '../model/myRequests';
import '../components/requests/requests.css';
import '../components/schoolContact/myRequests.css';

/** One of a school contact's requests (/mijn-aanvragen/:id): status, visit, calendar file, change and cancel. */
export function MyRequestPage({ id }: { id: string }) {
  return <CrewGate roles={rolesFor('mine')}>{() => <MyRequest id={id} />}</CrewGate>;
}

function MyRequest({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const load = useCallback((signal: AbortSignal) => getRequest(id, signal), [id]);
  const res = useResource(load);
  const [request, setRequest] = useState<RequestDto | null>(null);
  const [notice, setNotice] = useState<RequestNotice | null>(null);
  const api = useMemo<RequestEditorApi>(
    () => ({
      update: (input) => updateRequest(id, input),
      changeStatus: (input) => changeRequestStatus(id, input),
      reload: () => getRequest(id),
    }),
    [id],
  );
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (res.data) setRequest(res.data);
  }, [res.data]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const back = (
    <p>
      <a href={MY_REQUESTS_PATH}>← {t('mine.back')}</a>
    </p>
  );
  if (res.status === 'error') {
    const isGone = res.error instanceof ApiError && res.error.code === 'not_found';
    return (
      <div className="page-scroll">
        <div className="page narrow">
          {back}
          <h1>{t('mine.detailHeading')}</h1>
          {isGone ? <p role="alert">{t('mine.notFound')}</p> : <LoadError error={res.error} onRetry={res.reload} />}
        </div>
      </div>
    );
  }
  if (!request) {
    return (
      <div className="page-scroll">
        <div className="page narrow">
          {back}
          <h1>{t('mine.detailHeading')}</h1>
          <p role="status">{t('common.loading')}</p>
        </div>
      </div>
    );
  }

  const follow = followUrlOf(request);

  return (
    <div className="page-scroll">
      <div className="page narrow status-page">
        {back}
        <h1>{t('mine.detailHeading')}</h1>
        <p className="reference">
          {t('req.reference')}: <strong>{request.reference}</strong> · {request.schoolName}
        </p>
        {notice ? (
          <div
            className={`notice notice-${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            tabIndex={-1}
            ref={noticeRef}
          >
            {notice.text}
          </div>
        ) : null}

        <section aria-labelledby="mine-progress">
          <h2 id="mine-progress">{t('status.progress')}</h2>
          <p className="status-now">
            {t('status.now')}:{' '}
            <span className={`status-badge status-${request.status}`}>{t(`status.${request.status}`)}</span>
          </p>
          <StatusTimeline request={request} />
        </section>

        {request.visit ? (
          <section aria-labelledby="mine-visit" className="visit-box">
            <h2 id="mine-visit">{t('status.visit')}</h2>
            <p className="visit-date" data-testid="visit-date">
              {formatDate(request.visit.date)},{' '}
              {t('mine.sessionTimes', { start: request.visit.start, end: request.visit.end })}
            </p>
            <p>{t('status.arrival', { arrive: request.visit.arrive, leave: request.visit.leave })}</p>
            <ul className="mine-actions">
              <li>
                <a href={ownVisitIcsUrl(request.id)} download>
                  {t('status.ics')}
                </a>
              </li>
              {follow ? (
                <li>
                  <a href={follow} className="mine-follow">
                    {t('mine.follow')}
                  </a>
                </li>
              ) : null}
            </ul>
          </section>
        ) : request.status === 'submitted' || request.status === 'accepted' ? (
          <p className="note">{t('status.noDateYet')}</p>
        ) : null}

        <RequestEditor request={request} api={api} idPrefix="mine-edit" onRequest={setRequest} onNotice={setNotice} />
      </div>
    </div>
  );
}
