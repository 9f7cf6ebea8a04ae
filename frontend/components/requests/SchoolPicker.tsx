import { useEffect, useMemo, useRef, useState } from 'react';
import type { SchoolDto } from '../../../shared/api/schools';
import { useI18n } from '../../i18n/I18nProvider';
import { EMPTY_FILTER, filterSchools } from '../../model/schoolFilter';
import { formatAddress } from '../../model/schoolText';
import type { FieldErrors } from './draft';
import { errorIdOf, FormField, GroupError } from './FormField';
import { useFieldMessage } from './RequestFields';

/** A school the requester describes because it is not in the list. */
export interface NewSchoolDraft {
  name: string;
  street: string;
  postcode: string;
  place: string;
}

export const EMPTY_NEW_SCHOOL: NewSchoolDraft = { name: '', street: '', postcode: '', place: '' };

export interface SchoolChoice {
  mode: 'list' | 'new';
  schoolId: string | null;
  newSchool: NewSchoolDraft;
}

export interface SchoolPickerProps {
  id: string;
  schools: readonly SchoolDto[];
  choice: SchoolChoice;
  errors: FieldErrors;
  /** A logged-in school contact's own schools: only these can be chosen. */
  onlyIds?: readonly string[] | null;
  onChange(choice: SchoolChoice): void;
}

const MAX_RESULTS = 8;

/** The school of a request: searched in the seeded list (radio results), or described when it is not there. */
export function SchoolPicker({ id, schools, choice, errors, onlyIds, onChange }: SchoolPickerProps) {
  const { t, tp } = useI18n();
  const message = useFieldMessage();
  const [query, setQuery] = useState('');
  const allowed = useMemo(
    () => (onlyIds && onlyIds.length > 0 ? schools.filter((s) => onlyIds.includes(s.id)) : schools),
    [schools, onlyIds],
  );
  const results = useMemo(
    () => (query.trim().length >= 2 ? filterSchools(allowed, { ...EMPTY_FILTER, q: query }).slice(0, MAX_RESULTS) : []),
    [allowed, query],
  );
  const chosen = choice.schoolId ? schools.find((s) => s.id === choice.schoolId) : undefined;
  const setNew = (key: keyof NewSchoolDraft, value: string) =>
    onChange({ ...choice, newSchool: { ...choice.newSchool, [key]: value } });
  const schoolError = message(errors, 'schoolId');
  const canDescribe = !onlyIds || onlyIds.length === 0;
  // Choosing a result (or "another school") removes the button that had focus; move focus to what replaced it
  // instead of letting it fall to <body>.
  const [moveFocus, setMoveFocus] = useState<'chosen' | 'search' | null>(null);
  const chosenRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (moveFocus === 'chosen') chosenRef.current?.focus();
    if (moveFocus === 'search') document.getElementById(`${id}-search`)?.focus();
    if (moveFocus) setMoveFocus(null);
  }, [moveFocus, id]);

  return (
    <fieldset className="form-group" id={id} aria-describedby={schoolError ? errorIdOf(id) : undefined}>
      <legend>
        {t('req.school')} <span className="form-required">({t('req.required')})</span>
      </legend>
      <GroupError id={id} error={schoolError} />
      {choice.mode === 'list' ? (
        <>
          {chosen ? (
            <div className="chosen-school" role="status" ref={chosenRef} tabIndex={-1}>
              <p>
                <strong>{chosen.name}</strong>
                <br />
                {formatAddress(chosen.address)}
              </p>
              {allowed.length > 1 ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    onChange({ ...choice, schoolId: null });
                    setMoveFocus('search');
                  }}
                >
                  {t('req.otherSchool')}
                </button>
              ) : null}
            </div>
          ) : (
            <>
              <FormField id={`${id}-search`} label={t('req.schoolSearch')} hint={t('req.schoolSearchHint')}>
                {(p) => (
                  <input
                    {...p}
                    type="search"
                    autoComplete="off"
                    value={query}
                    onChange={(e) => setQuery(e.target.value)}
                  />
                )}
              </FormField>
              <div role="status" className="form-hint">
                {query.trim().length >= 2 ? tp('req.schoolResults', results.length) : ''}
              </div>
              {results.length > 0 ? (
                <ul className="school-results">
                  {results.map((s) => (
                    <li key={s.id}>
                      <button
                        type="button"
                        className="school-result"
                        onClick={() => {
                          onChange({ ...choice, schoolId: s.id });
                          setMoveFocus('chosen');
                        }}
                      >
                        <strong>{s.name}</strong> <span className="muted">{formatAddress(s.address)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
          {canDescribe ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onChange({ ...choice, mode: 'new', schoolId: null })}
            >
              {t('req.schoolNotListed')}
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p className="form-hint">{t('req.newSchoolHint')}</p>
          <div className="form-row">
            <FormField
              id={`${id}-new-name`}
              label={t('req.newSchoolName')}
              required
              requiredText={t('req.required')}
              error={message(errors, 'newSchool.name')}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  autoComplete="organization"
                  value={choice.newSchool.name}
                  onChange={(e) => setNew('name', e.target.value)}
                />
              )}
            </FormField>
            <FormField
              id={`${id}-new-street`}
              label={t('req.newSchoolStreet')}
              required
              requiredText={t('req.required')}
              error={message(errors, 'newSchool.street')}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  autoComplete="street-address"
                  value={choice.newSchool.street}
                  onChange={(e) => setNew('street', e.target.value)}
                />
              )}
            </FormField>
            <FormField
              id={`${id}-new-postcode`}
              label={t('req.newSchoolPostcode')}
              required
              requiredText={t('req.required')}
              error={message(errors, 'newSchool.postcode')}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  autoComplete="postal-code"
                  value={choice.newSchool.postcode}
                  onChange={(e) => setNew('postcode', e.target.value)}
                />
              )}
            </FormField>
            <FormField
              id={`${id}-new-place`}
              label={t('req.newSchoolPlace')}
              required
              requiredText={t('req.required')}
              error={message(errors, 'newSchool.place')}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  autoComplete="address-level2"
                  value={choice.newSchool.place}
                  onChange={(e) => setNew('place', e.target.value)}
                />
              )}
            </FormField>
          </div>
          <button type="button" className="link-button" onClick={() => onChange({ ...choice, mode: 'list' })}>
            {t('req.schoolBackToList')}
          </button>
        </>
      )}
    </fieldset>
  );
}
