import { addDays } from '../../../shared/domain/time';
import { DEFAULT_PROGRAMMES, LEVELS, SESSION_LENGTH_IDS } from '../../../shared/api/requests';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/nl';
import type { FieldErrors, RequestDraft } from './draft';
import { errorIdOf, FormField, GroupError } from './FormField';
import { ExcludedDays, WeekPicker, type WeekOccupancy } from './WeekPicker';
import { listWeeks, type SchoolWeek } from './weeks';

/** Localised messages for fields whose schema messages are technical; other messages are shown as the API wrote them. */
/** The longest remarks the API accepts (shared/api/requests.ts). */
const REMARKS_MAX = 2000;

const FIELD_MESSAGES: Partial<Record<string, MessageKey>> = {
  'contact.name': 'req.error.contactName',
  'contact.email': 'req.error.contactEmail',
  'contact.phone': 'req.error.contactPhone',
  pupils: 'req.error.pupils',
  classes: 'req.error.classes',
  levels: 'req.error.levels',
  programmes: 'req.error.programmes',
  preferredWeeks: 'req.error.weeks',
  earliestStart: 'req.error.time',
  latestEnd: 'req.error.latestEnd',
  schoolId: 'req.error.school',
  'newSchool.name': 'req.error.newSchoolName',
  'newSchool.street': 'req.error.newSchoolStreet',
  'newSchool.postcode': 'req.error.newSchoolPostcode',
  'newSchool.place': 'req.error.newSchoolPlace',
  remarks: 'req.error.remarks',
};

/** The message to show for a field: ours when we have one, else the API's. */
export function useFieldMessage() {
  const { t } = useI18n();
  return (errors: FieldErrors, key: string): string | undefined => {
    const raw = errors[key];
    if (raw === undefined) return undefined;
    const ours = FIELD_MESSAGES[key];
    return ours ? t(ours) : raw;
  };
}

export interface RequestFieldsProps {
  idPrefix: string;
  draft: RequestDraft;
  errors: FieldErrors;
  weeks: readonly SchoolWeek[];
  closed: ReadonlyMap<string, string>;
  occupancy: ReadonlyMap<string, WeekOccupancy> | null;
  onChange(draft: RequestDraft): void;
  onMoreWeeks?(): void;
}

/** The wishes of a visit request: contact, pupils, levels, programme, session, weeks, days, times and remarks. */
export function RequestFields({
  idPrefix,
  draft,
  errors,
  weeks,
  closed,
  occupancy,
  onChange,
  onMoreWeeks,
}: RequestFieldsProps) {
  const { t } = useI18n();
  const message = useFieldMessage();
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => onChange({ ...draft, [key]: value });
  const setContact = (key: keyof RequestDraft['contact'], value: string) =>
    onChange({ ...draft, contact: { ...draft.contact, [key]: value } });
  const toggleIn = (list: readonly string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);
  const required = t('req.required');
  // Weeks shown: the list, plus chosen weeks outside it (an older request being edited).
  const chosenOutside = draft.weeks.filter((m) => !weeks.some((w) => w.monday === m));

  return (
    <>
      <fieldset className="form-group">
        <legend>{t('req.contact')}</legend>
        <div className="form-row">
          <FormField
            id={id('contact-name')}
            label={t('req.contactName')}
            required
            requiredText={required}
            error={message(errors, 'contact.name')}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="name"
                value={draft.contact.name}
                onChange={(e) => setContact('name', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={id('contact-email')}
            label={t('req.contactEmail')}
            required
            requiredText={required}
            error={message(errors, 'contact.email')}
          >
            {(p) => (
              <input
                {...p}
                type="email"
                autoComplete="email"
                value={draft.contact.email}
                onChange={(e) => setContact('email', e.target.value)}
              />
            )}
          </FormField>
          <FormField id={id('contact-phone')} label={t('req.contactPhone')} error={message(errors, 'contact.phone')}>
            {(p) => (
              <input
                {...p}
                type="tel"
                autoComplete="tel"
                value={draft.contact.phone}
                onChange={(e) => setContact('phone', e.target.value)}
              />
            )}
          </FormField>
        </div>
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('req.groups')}</legend>
        <div className="form-row">
          <FormField
            id={id('pupils')}
            label={t('req.pupils')}
            hint={t('req.pupilsHint')}
            required
            requiredText={required}
            error={message(errors, 'pupils')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={400}
                value={draft.pupils}
                onChange={(e) => set('pupils', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={id('classes')}
            label={t('req.classes')}
            required
            requiredText={required}
            error={message(errors, 'classes')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={20}
                value={draft.classes}
                onChange={(e) => set('classes', e.target.value)}
              />
            )}
          </FormField>
        </div>
        <fieldset
          className="form-subgroup"
          id={id('levels')}
          aria-describedby={errors.levels ? errorIdOf(id('levels')) : undefined}
        >
          <legend>
            {t('req.levels')} <span className="form-required">({required})</span>
          </legend>
          <GroupError id={id('levels')} error={message(errors, 'levels')} />
          <div className="check-list">
            {LEVELS.map((level) => (
              <label key={level} className="check">
                <input
                  type="checkbox"
                  checked={draft.levels.includes(level)}
                  onChange={(e) =>
                    set('levels', toggleIn(draft.levels, level, e.target.checked) as RequestDraft['levels'])
                  }
                />
                {t(`req.level.${level}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset
        className="form-group"
        id={id('programmes')}
        aria-describedby={errors.programmes ? errorIdOf(id('programmes')) : undefined}
      >
        <legend>
          {t('req.programmes')} <span className="form-required">({required})</span>
        </legend>
        <GroupError id={id('programmes')} error={message(errors, 'programmes')} />
        <div className="check-list">
          {DEFAULT_PROGRAMMES.map((prog) => (
            <label key={prog} className="check">
              <input
                type="checkbox"
                checked={draft.programmes.includes(prog)}
                onChange={(e) => set('programmes', toggleIn(draft.programmes, prog, e.target.checked))}
              />
              {t(`req.programme.${prog}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('req.session')}</legend>
        <div className="check-list">
          {SESSION_LENGTH_IDS.map((len) => (
            <label key={len} className="check">
              <input
                type="radio"
                name={id('session')}
                value={len}
                checked={draft.sessionLength === len}
                onChange={() => set('sessionLength', len)}
              />
              {t(`req.sessionLength.${len}`)}
            </label>
          ))}
        </div>
        <div className="form-row">
          <FormField id={id('earliest')} label={t('req.earliestStart')} error={message(errors, 'earliestStart')}>
            {(p) => (
              <input
                {...p}
                type="time"
                step={300}
                value={draft.earliestStart}
                onChange={(e) => set('earliestStart', e.target.value)}
              />
            )}
          </FormField>
          <FormField id={id('latest')} label={t('req.latestEnd')} error={message(errors, 'latestEnd')}>
            {(p) => (
              <input
                {...p}
                type="time"
                step={300}
                value={draft.latestEnd}
                onChange={(e) => set('latestEnd', e.target.value)}
              />
            )}
          </FormField>
        </div>
      </fieldset>

      <WeekPicker
        id={id('preferredWeeks')}
        weeks={[...chosenOutside.flatMap((m) => listWeeks(m, 1)), ...weeks]}
        selected={draft.weeks}
        closed={closed}
        occupancy={occupancy}
        error={message(errors, 'preferredWeeks')}
        onChange={(weeksChosen) =>
          onChange({
            ...draft,
            weeks: weeksChosen,
            excludedDates: draft.excludedDates.filter((d) => weeksChosen.some((m) => d >= m && d <= addDays(m, 4))),
          })
        }
        {...(onMoreWeeks ? { onMore: onMoreWeeks } : {})}
      />
      <ExcludedDays
        id={id('excludedDates')}
        weeks={draft.weeks}
        excluded={draft.excludedDates}
        closed={closed}
        error={message(errors, 'excludedDates')}
        onChange={(excluded) => set('excludedDates', excluded)}
      />

      {/* No maxLength: a browser would cut a long paste silently. The counter shows the limit; submitting refuses more. */}
      <FormField
        id={id('remarks')}
        label={t('req.remarks')}
        hint={`${t('req.remarksHint')} ${t('req.remarksCount', { count: draft.remarks.length, max: REMARKS_MAX })}`}
        error={message(errors, 'remarks')}
      >
        {(p) => <textarea {...p} rows={4} value={draft.remarks} onChange={(e) => set('remarks', e.target.value)} />}
      </FormField>
    </>
  );
}
