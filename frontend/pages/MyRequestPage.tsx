import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { SCHOOL_EDITABLE_STATUSES, updateRequestSchema, type RequestDto } from '../../shared/api/requests';
import { ApiError } from '../api';
import { changeRequestStatus, getRequest, updateRequest } from '../api/requests';
import { ownVisitIcsUrl } from '../api/schoolContact';
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
import { StatusTimeline } from '../components/requests/StatusTimeline';
import { useResource } from '../hooks/useResource';
import { useWeekData } from '../hooks/useWeekData';
import { useI18n } from '../i18n/I18nProvider';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { followUrlOf, MY_REQUESTS_PATH } from '../model/myRequests';
import '../components/requests/requests.css';
import '../components/schoolContact/myRequests.css';

const PREFIX = 'mine-edit';
const CANCELLABLE = ['submitted', 'accepted', 'planned', 'confirmed'];

/** One of a school contact's requests (/mijn-aanvragen/:id): status, visit, calendar file, change and cancel. */
export function MyRequestPage({ id }: { id: string }) {
  return <CrewGate roles={rolesFor('mine')}>{() => <MyRequest id={id} />}</CrewGate>;
}

function MyRequest({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const load = useCallback((signal: AbortSignal) => getRequest(id, signal), [id]);
  const res = useResource(load);
  const [request, setRequest] = useState<RequestDto | null>(null);
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isCancelOpen, setCancelOpen] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const { weeks, closed, showMore } = useWeekData();
  const summaryRef = useRef<HTMLDivElement>(null);
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

  const canEdit = SCHOOL_EDITABLE_STATUSES.includes(request.status);
  const canCancel = CANCELLABLE.includes(request.status);
  const needsReason = request.status === 'confirmed';
  const follow = followUrlOf(request);

  const reloadAfterConflict = async (message: string) => {
    setRequest(await getRequest(id));
    setDraft(null);
    setErrors({});
    setFormError(null);
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
      setRequest(await updateRequest(id, parsed.data));
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
      setRequest(
        await changeRequestStatus(id, { version: request.version, status: 'cancelled', ...(reason ? { reason } : {}) }),
      );
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

        <section aria-labelledby="mine-wishes">
          <h2 id="mine-wishes">{t('status.wishes')}</h2>
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
