import { useRef, useState, type FormEvent } from 'react';
import {
  SCHOOL_EDITABLE_STATUSES,
  updateRequestSchema,
  type ChangeStatusInput,
  type RequestDto,
  type UpdateRequestInput,
} from '../../../shared/api/requests';
import { ApiError } from '../../api';
import { useWeekData } from '../../hooks/useWeekData';
import { useI18n } from '../../i18n/I18nProvider';
import {
  detailsToFieldErrors,
  draftToUpdate,
  issuesToFieldErrors,
  requestToDraft,
  type FieldErrors,
  type RequestDraft,
} from './draft';
import { ErrorSummary } from './ErrorSummary';
import { ReasonDialog } from './ReasonDialog';
import { RequestFields } from './RequestFields';
import { RequestSummary } from './RequestSummary';

/** Statuses in which the school may still cancel (a confirmed visit only with a reason). */
const CANCELLABLE: readonly RequestDto['status'][] = ['submitted', 'accepted', 'planned', 'moved', 'confirmed'];

/** A page's notice above the request: saved, cancelled, or why a write was refused. */
export interface RequestNotice {
  kind: 'ok' | 'error';
  text: string;
}

/** How the editor reads and writes the request: by status link (the school's secret link) or as a logged-in contact. */
export interface RequestEditorApi {
  update(input: UpdateRequestInput): Promise<RequestDto>;
  changeStatus(input: ChangeStatusInput): Promise<RequestDto>;
  reload(): Promise<RequestDto>;
}

export interface RequestEditorProps {
  request: RequestDto;
  api: RequestEditorApi;
  /** Prefix of the form's element ids (two editors never share a page, but tests and labels need stable ids). */
  idPrefix: string;
  onRequest(request: RequestDto): void;
  onNotice(notice: RequestNotice | null): void;
}

/**
 * "Uw wensen": the request's wishes, with "Wijzigen" (the request form, checked as the server checks it) and
 * "Annuleren" (a dialog; a confirmed visit needs a reason). A 409 (someone changed the request meanwhile) reloads it
 * and says why; a refused field keeps everything the person typed and points at the field.
 */
export function RequestEditor({ request, api, idPrefix, onRequest, onNotice }: RequestEditorProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isCancelOpen, setCancelOpen] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const { weeks, closed, showMore } = useWeekData();
  const summaryRef = useRef<HTMLDivElement>(null);

  const canEdit = SCHOOL_EDITABLE_STATUSES.includes(request.status);
  const canCancel = CANCELLABLE.includes(request.status);
  const needsReason = request.status === 'confirmed';
  const closeForm = () => (setDraft(null), setErrors({}), setFormError(null));
  const focusSummary = () => window.setTimeout(() => summaryRef.current?.focus(), 0);

  const reloadAfterConflict = async (message: string) => {
    try {
      onRequest(await api.reload());
      closeForm();
    } catch {
      // The reload failed too: the form keeps what the person typed, and the notice still says why.
    }
    onNotice({ kind: 'error', text: message });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const parsed = updateRequestSchema.safeParse(draftToUpdate(draft, request));
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      focusSummary();
      return;
    }
    setBusy(true);
    try {
      onRequest(await api.update(parsed.data));
      closeForm();
      onNotice({ kind: 'ok', text: t('status.saved') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await reloadAfterConflict(err.message);
      else if (err instanceof ApiError && err.code === 'validation_failed') {
        setErrors(detailsToFieldErrors(err.details));
        setFormError(err.message);
        focusSummary();
      } else setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (reason: string) => {
    setBusy(true);
    try {
      onRequest(
        await api.changeStatus({ version: request.version, status: 'cancelled', ...(reason ? { reason } : {}) }),
      );
      setCancelOpen(false);
      setDraft(null);
      onNotice({ kind: 'ok', text: t('status.cancelledNotice') });
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
    <>
      <section aria-labelledby={`${idPrefix}-wishes`}>
        <h2 id={`${idPrefix}-wishes`}>{t('status.wishes')}</h2>
        {draft ? (
          <form className="request-form" noValidate onSubmit={(e) => void save(e)}>
            <ErrorSummary ref={summaryRef} errors={errors} message={formError} prefix={idPrefix} />
            <RequestFields
              idPrefix={idPrefix}
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
              <button type="button" className="button-secondary" onClick={closeForm}>
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
                  onClick={() => (setDraft(requestToDraft(request)), onNotice(null))}
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
    </>
  );
}
