import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  SCHOOL_CONFIRMABLE_STATUSES,
  SCHOOL_EDITABLE_STATUSES,
  updateRequestSchema,
  type RequestDto,
} from '../../shared/api/requests';
import { ApiError } from '../api';
import { changeStatusByToken, getRequestByToken, updateRequestByToken, visitIcsUrl } from '../api/requests';
import { LoadError } from '../components/LoadError';
import {
  detailsToFieldErrors,
  draftToUpdate,
  issuesToFieldErrors,
  requestToDraft,
  type FieldErrors,
  type RequestDraft,
} from '../components/requests/draft';
import { ErrorSummary } from '../components/requests/ErrorSummary';
import { ReasonDialog } from '../components/requests/ReasonDialog';
import { RequestFields } from '../components/requests/RequestFields';
import { RequestSummary } from '../components/requests/RequestSummary';
import { StatusTimeline, useDateTime } from '../components/requests/StatusTimeline';
import { useResource } from '../hooks/useResource';
import { useWeekData } from '../hooks/useWeekData';
import { useI18n } from '../i18n/I18nProvider';
import { followUrlOf } from '../model/myRequests';
import '../components/requests/requests.css';

const PREFIX = 'edit';
const CANCELLABLE = ['submitted', 'accepted', 'planned', 'moved', 'confirmed'];
/** `?bevestig=1` in the link of a "visit planned" email: the page confirms the visit at once (one click from the email). */
const confirmFromLink = () => new URLSearchParams(window.location.search).get('bevestig') === '1';

/** The school's status page behind its secret link (/status/:token): timeline, planned date, changes, cancelling. */
export function RequestStatusPage({ token }: { token: string }) {
  const { t, formatDate } = useI18n();
  const dateTime = useDateTime();
  const load = useCallback((signal: AbortSignal) => getRequestByToken(token, signal), [token]);
  const res = useResource(load);
  const [request, setRequest] = useState<RequestDto | null>(null);
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{
    kind: 'ok' | 'error';
    text: string;
  } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isCancelOpen, setCancelOpen] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const { weeks, closed, showMore } = useWeekData();
  const summaryRef = useRef<HTMLDivElement>(null);
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

  const canEdit = SCHOOL_EDITABLE_STATUSES.includes(request.status);
  const canConfirm = SCHOOL_CONFIRMABLE_STATUSES.includes(request.status);
  const isEnded = request.status === 'cancelled' || request.status === 'declined';
  const canCancel = CANCELLABLE.includes(request.status);
  const needsReason = request.status === 'confirmed';

  const reloadAfterConflict = async (message: string) => {
    try {
      const fresh = await getRequestByToken(token);
      setRequest(fresh);
      setDraft(null);
      setErrors({});
      setFormError(null);
    } catch {
      // The reload failed too: the page keeps what the person typed, and the notice below still says why.
    }
    setNotice({ kind: 'error', text: message });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const parsed = updateRequestSchema.safeParse(draftToUpdate(draft, request));
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const updated = await updateRequestByToken(token, parsed.data);
      setRequest(updated);
      setDraft(null);
      setErrors({});
      setFormError(null);
      setNotice({ kind: 'ok', text: t('status.saved') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await reloadAfterConflict(err.message);
      else if (err instanceof ApiError && err.code === 'validation_failed') {
        setErrors(detailsToFieldErrors(err.details));
        setFormError(err.message);
        window.setTimeout(() => summaryRef.current?.focus(), 0);
      } else setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (reason: string) => {
    setBusy(true);
    try {
      const updated = await changeStatusByToken(token, {
        version: request.version,
        status: 'cancelled',
        ...(reason ? { reason } : {}),
      });
      setRequest(updated);
      setCancelOpen(false);
      setDraft(null);
      setNotice({ kind: 'ok', text: t('status.cancelledNotice') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setCancelOpen(false);
        await reloadAfterConflict(err.message);
      } else setCancelError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

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
          <section aria-labelledby="status-wishes">
            <h2 id="status-wishes">{t('status.wishes')}</h2>
            {draft ? (
              <form className="request-form" noValidate onSubmit={(e) => void save(e)}>
                <ErrorSummary ref={summaryRef} errors={errors} message={formError} prefix={PREFIX} />
                <RequestFields
                  idPrefix={PREFIX}
                  draft={draft}
                  errors={errors}
                  weeks={weeks}
                  closed={closed}
                  occupancy={null}
                  onChange={setDraft}
                  onMoreWeeks={showMore}
                />
                <div className="form-actions">
                  <button type="submit" className="button-primary" disabled={isBusy}>
                    {t('status.save')}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => (setDraft(null), setErrors({}), setFormError(null))}
                  >
                    {t('dialog.cancel')}
                  </button>
                </div>
              </form>
            ) : (
              <>
                <RequestSummary request={request} />
                <div className="form-actions">
                  {canEdit ? (
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => (setDraft(requestToDraft(request)), setNotice(null))}
                    >
                      {t('status.change')}
                    </button>
                  ) : request.status === 'confirmed' ? (
                    <p className="note">{t('status.confirmedNoEdit')}</p>
                  ) : null}
                  {canCancel ? (
                    <button
                      type="button"
                      className="button-danger"
                      onClick={() => (setCancelError(null), setCancelOpen(true))}
                    >
                      {t('status.cancel')}
                    </button>
                  ) : null}
                </div>
              </>
            )}
          </section>
        )}
        <ReasonDialog
          open={isCancelOpen}
          title={t('status.cancelTitle')}
          text={needsReason ? t('status.cancelConfirmedText') : t('status.cancelText')}
          label={t('status.cancelReason')}
          isRequired={needsReason}
          confirmLabel={t('status.cancelConfirm')}
          cancelLabel={t('status.cancelKeep')}
          error={cancelError}
          isBusy={isBusy}
          onConfirm={(reason) => void cancel(reason)}
          onClose={() => setCancelOpen(false)}
        />
      </div>
    </div>
  );
}
