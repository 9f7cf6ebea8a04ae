import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionDto } from '../../shared/api/auth';
import { createRequestSchema, type CreatedRequestDto } from '../../shared/api/requests';
import { ApiError, listAllSchools } from '../api';
import { readSession } from '../api/plans';
import { createRequest } from '../api/requests';
import { CopyField } from '../components/requests/CopyField';
import {
  detailsToFieldErrors,
  draftToInput,
  hasEnglishDetails,
  EMPTY_DRAFT,
  issuesToFieldErrors,
  type FieldErrors,
  type RequestDraft,
} from '../components/requests/draft';
import { ErrorSummary } from '../components/requests/ErrorSummary';
import { RequestFields } from '../components/requests/RequestFields';
import { EMPTY_NEW_SCHOOL, SchoolPicker, type SchoolChoice } from '../components/requests/SchoolPicker';
import { useResource } from '../hooks/useResource';
import { useWeekData } from '../hooks/useWeekData';
import { useI18n } from '../i18n/I18nProvider';
import '../components/requests/requests.css';

const PREFIX = 'req';

/** The public request form (/aanvragen); a logged-in school contact gets it filled in with their school. */
export function RequestFormPage() {
  const { t, lang } = useI18n();
  const schools = useResource(listAllSchools);
  const { weeks, closed, occupancy, showMore } = useWeekData();
  const [draft, setDraft] = useState<RequestDraft>(EMPTY_DRAFT);
  const [choice, setChoice] = useState<SchoolChoice>({ mode: 'list', schoolId: null, newSchool: EMPTY_NEW_SCHOOL });
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [created, setCreated] = useState<CreatedRequestDto | null>(null);
  const [session, setSession] = useState<SessionDto['user']>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    readSession(controller.signal).then(
      ({ user }) => {
        setSession(user);
        if (user?.role !== 'school') return;
        // A school contact asks for its own school: fill in what the account already knows.
        setChoice((c) =>
          c.schoolId ? c : { ...c, schoolId: user.schoolIds.length === 1 ? user.schoolIds[0]! : null },
        );
        setDraft((d) =>
          d.contact.name || d.contact.email
            ? d
            : { ...d, contact: { ...d.contact, name: user.name ?? '', email: user.email } },
        );
      },
      () => undefined,
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  const showErrors = (next: FieldErrors, message: string | null) => {
    setErrors(next);
    setFormError(message);
    // After React has drawn the summary.
    window.setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(choice.mode === 'list'
        ? choice.schoolId
          ? { schoolId: choice.schoolId }
          : {}
        : { newSchool: choice.newSchool }),
      ...draftToInput(draft),
      language: lang,
      website,
    };
    const parsed = createRequestSchema.safeParse(body);
    if (!parsed.success) {
      // The schema checks "a school from the list or a new one" only once every field is valid; an empty form must
      // still name the school among what is missing.
      const noSchool = choice.mode === 'list' && !choice.schoolId;
      return showErrors(
        { ...(noSchool ? { schoolId: 'required' } : {}), ...issuesToFieldErrors(parsed.error.issues) },
        null,
      );
    }
    setSending(true);
    try {
      setCreated(await createRequest({ ...parsed.data, website }));
      setErrors({});
      setFormError(null);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') {
        showErrors(
          detailsToFieldErrors(err.details, lang),
          lang === 'en' && hasEnglishDetails(err.details) ? t('form.weeksRefused') : err.message,
        );
      } else showErrors({}, err instanceof ApiError ? err.message : t('req.sendFailed'));
    } finally {
      setSending(false);
    }
  };

  if (created) {
    const statusPath = new URL(created.statusUrl, window.location.href).pathname;
    return (
      <div className="page-scroll">
        <div className="page narrow">
          <section className="done-panel" aria-labelledby="req-done-heading">
            <h1 id="req-done-heading" tabIndex={-1} ref={doneRef}>
              {t('req.doneHeading')}
            </h1>
            <p>{t('req.doneText', { school: created.request.schoolName })}</p>
            <p className="reference">
              {t('req.reference')}: <strong data-testid="reference">{created.request.reference}</strong>
            </p>
            <CopyField
              id="status-url"
              label={t('req.statusLink')}
              hint={t('req.statusLinkHint')}
              value={created.statusUrl}
            />
            <p>
              <a className="button-primary" href={statusPath}>
                {t('req.openStatus')}
              </a>
            </p>
          </section>
        </div>
      </div>
    );
  }

  return (
    <div className="page-scroll">
      <div className="page narrow">
        <h1>{t('req.heading')}</h1>
        <p className="lead">{t('req.intro')}</p>
        {session && session.role !== 'school' ? (
          <p className="note">{t('req.asCrew', { name: session.name ?? session.email })}</p>
        ) : null}
        <ErrorSummary
          ref={summaryRef}
          errors={errors}
          message={formError}
          prefix={PREFIX}
          schoolFieldId={`${PREFIX}-school`}
        />
        <form className="request-form" noValidate onSubmit={(e) => void onSubmit(e)}>
          <SchoolPicker
            id={`${PREFIX}-school`}
            schools={schools.data ?? []}
            choice={choice}
            errors={errors}
            onlyIds={session?.role === 'school' ? session.schoolIds : null}
            onChange={setChoice}
          />
          <RequestFields
            idPrefix={PREFIX}
            draft={draft}
            errors={errors}
            weeks={weeks}
            closed={closed}
            occupancy={occupancy}
            onChange={setDraft}
            onMoreWeeks={showMore}
          />
          {/* Honeypot: hidden from people and screen readers; only bots fill it in. */}
          <div className="hp-field" aria-hidden="true">
            <label htmlFor="req-website">Website</label>
            <input
              id="req-website"
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(e) => setWebsite(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={isSending}>
              {isSending ? t('req.sending') : t('req.submit')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
