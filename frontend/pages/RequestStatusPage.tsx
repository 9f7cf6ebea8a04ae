import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SCHOOL_CONFIRMABLE_STATUSES, type RequestDto } from '../../shared/api/requests';
import { ApiError } from '../api';
import { changeStatusByToken, getRequestByToken, updateRequestByToken, visitIcsUrl } from '../api/requests';
import { LoadError } from '../components/LoadError';
import { RequestEditor, type RequestEditorApi, type RequestNotice } from '../components/requests/RequestEditor';
import { StatusTimeline, useDateTime } from '../components/requests/StatusTimeline';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { followUrlOf } from '../model/myRequests';
import '../components/requests/requests.css';

/** `?bevestig=1` in the link of a "visit planned" email: the page confirms the visit at once (one click from the email). */
const confirmFromLink = () => new URLSearchParams(window.location.search).get('bevestig') === '1';

/** The school's status page behind its secret link (/status/:token): timeline, planned date, changes, cancelling. */
export function RequestStatusPage({ token }: { token: string }) {
  const { t, formatDate } = useI18n();
  const dateTime = useDateTime();
  const load = useCallback((signal: AbortSignal) => getRequestByToken(token, signal), [token]);
  const res = useResource(load);
  const [request, setRequest] = useState<RequestDto | null>(null);
  const [notice, setNotice] = useState<RequestNotice | null>(null);
  const [isBusy, setBusy] = useState(false);
  const api = useMemo<RequestEditorApi>(
    () => ({
      update: (input) => updateRequestByToken(token, input),
      changeStatus: (input) => changeStatusByToken(token, input),
      reload: () => getRequestByToken(token),
    }),
    [token],
  );
  const noticeRef = useRef<HTMLDivElement>(null);

  const autoConfirmed = useRef(false);
  useEffect(() => {
    if (res.data) setRequest(res.data);
  }, [res.data]);
  useEffect(() => {
    if (
      !request ||
      autoConfirmed.current ||
      !confirmFromLink() ||
      !SCHOOL_CONFIRMABLE_STATUSES.includes(request.status)
    )
      return;
    autoConfirmed.current = true;
    void confirmVisit(request);
    // Once, when the request has loaded (autoConfirmed guards against a second run); confirmVisit is a fresh closure
    // on every render and must not re-trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  async function confirmVisit(current: RequestDto) {
    setBusy(true);
    try {
      const updated = await changeStatusByToken(token, {
        version: current.version,
        status: 'confirmed',
      });
      setRequest(updated);
      setNotice({ kind: 'ok', text: t('status.confirmedNotice') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setRequest(await getRequestByToken(token));
        setNotice({ kind: 'error', text: err.message });
      } else
        setNotice({
          kind: 'error',
          text: err instanceof Error ? err.message : String(err),
        });
    } finally {
      setBusy(false);
    }
  }

  if (res.status === 'error') {
    const isGone = res.error instanceof ApiError && res.error.code === 'not_found';
    return (
      <div className="page-scroll">
        <div className="page narrow">
          <h1>{t('status.heading')}</h1>
          {isGone ? (
            <p role="alert">{t('status.unknownLink')}</p>
          ) : (
            <LoadError error={res.error} onRetry={res.reload} />
          )}
        </div>
      </div>
    );
  }
  if (!request) {
    return (
      <div className="page-scroll">
        <div className="page narrow">
          <h1>{t('status.heading')}</h1>
          <p role="status">{t('common.loading')}</p>
        </div>
      </div>
    );
  }

  const canConfirm = SCHOOL_CONFIRMABLE_STATUSES.includes(request.status);
  const isEnded = request.status === 'cancelled' || request.status === 'declined';

  return (
    <div className="page-scroll">
      <div className="page narrow status-page">
        <h1>{t('status.heading')}</h1>
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

        <section aria-labelledby="status-progress">
          <h2 id="status-progress">{t('status.progress')}</h2>
          <p className="status-now">
            {t('status.now')}:{' '}
            <span className={`status-badge status-${request.status}`}>{t(`status.${request.status}`)}</span>
          </p>
          <StatusTimeline request={request} />
        </section>

        {isEnded ? (
          <section aria-labelledby="status-ended" className="visit-box ended-box" data-testid="ended">
            <h2 id="status-ended">
              {t(request.status === 'cancelled' ? 'status.cancelledHeading' : 'status.declinedHeading')}
            </h2>
            {request.status === 'cancelled' ? <p>{t('status.cancelledText')}</p> : null}
            {request.history.at(-1)?.reason ? (
              <p>
                {t('status.reason', {
                  reason: request.history.at(-1)!.reason!,
                })}
              </p>
            ) : null}
            {request.status === 'cancelled' ? (
              <p className="muted">
                {t('status.cancelledOn', {
                  at: dateTime(request.history.at(-1)!.at),
                })}
              </p>
            ) : null}
          </section>
        ) : request.status === 'done' && request.visit ? (
          <section aria-labelledby="status-done" className="visit-box">
            <h2 id="status-done">{t('status.doneHeading')}</h2>
            <p>{t('status.doneText', { date: formatDate(request.visit.date) })}</p>
          </section>
        ) : request.visit ? (
          <section aria-labelledby="status-visit" className="visit-box">
            <h2 id="status-visit">{t('status.visit')}</h2>
            <p className="visit-date" data-testid="visit-date">
              {formatDate(request.visit.date)}, {request.visit.start}–{request.visit.end}
            </p>
            <p>
              {t('status.arrival', {
                arrive: request.visit.arrive,
                leave: request.visit.leave,
              })}
            </p>
            {canConfirm ? (
              <div className="confirm-box">
                <p>{t(request.status === 'moved' ? 'status.movedText' : 'status.confirmText')}</p>
                <button
                  type="button"
                  className="button-primary"
                  disabled={isBusy}
                  onClick={() => void confirmVisit(request)}
                >
                  {t('status.confirmVisit')}
                </button>
              </div>
            ) : null}
            <p>
              <a href={visitIcsUrl(token)} download>
                {t('status.ics')}
              </a>
            </p>
            {followUrlOf(request) ? (
              <p>
                <a className="button-primary" href={followUrlOf(request)!}>
                  {t('status.follow')}
                </a>
              </p>
            ) : null}
            <h3>{t('status.prepare')}</h3>
            <ul>
              <li>{t('status.prepareParking')}</li>
              <li>{t('status.preparePower')}</li>
              <li>{t('status.prepareRoom')}</li>
            </ul>
          </section>
        ) : request.status === 'submitted' || request.status === 'accepted' ? (
          <p className="note">{t('status.noDateYet')}</p>
        ) : null}

        {isEnded ? null : (
          <RequestEditor request={request} api={api} idPrefix="edit" onRequest={setRequest} onNotice={setNotice} />
        )}
      </div>
    </div>
  );
}
