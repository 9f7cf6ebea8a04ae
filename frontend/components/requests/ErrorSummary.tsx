import { forwardRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/nl';
import type { FieldErrors } from './draft';
import { useFieldMessage } from './RequestFields';

/** Field key → [element id suffix, label key]. */
const FIELDS: Record<string, [string, MessageKey]> = {
  'contact.name': ['contact-name', 'req.contactName'],
  'contact.email': ['contact-email', 'req.contactEmail'],
  'contact.phone': ['contact-phone', 'req.contactPhone'],
  pupils: ['pupils', 'req.pupils'],
  classes: ['classes', 'req.classes'],
  levels: ['levels', 'req.levels'],
  programmes: ['programmes', 'req.programmes'],
  sessionLength: ['session', 'req.session'],
  preferredWeeks: ['preferredWeeks', 'req.weeks'],
  excludedDates: ['excludedDates', 'req.excluded'],
  earliestStart: ['earliest', 'req.earliestStart'],
  latestEnd: ['latest', 'req.latestEnd'],
  remarks: ['remarks', 'req.remarks'],
};
const SCHOOL_FIELDS: Record<string, [string, MessageKey]> = {
  schoolId: ['', 'req.school'],
  'newSchool.name': ['-new-name', 'req.newSchoolName'],
  'newSchool.street': ['-new-street', 'req.newSchoolStreet'],
  'newSchool.postcode': ['-new-postcode', 'req.newSchoolPostcode'],
  'newSchool.place': ['-new-place', 'req.newSchoolPlace'],
};

export interface ErrorSummaryProps {
  errors: FieldErrors;
  message: string | null;
  prefix: string;
  schoolFieldId?: string;
}

/** The list of what to fix, at the top of a form, each linking to its field; focused when it appears. */
export const ErrorSummary = forwardRef<HTMLDivElement, ErrorSummaryProps>(function ErrorSummary(
  { errors, message, prefix, schoolFieldId },
  ref,
) {
  const { t } = useI18n();
  const fieldMessage = useFieldMessage();
  const keys = Object.keys(errors);
  if (keys.length === 0 && !message) return null;
  const target = (key: string): [string, string] | null => {
    const field = FIELDS[key];
    if (field) return [`${prefix}-${field[0]}`, t(field[1])];
    const school = SCHOOL_FIELDS[key];
    if (school && schoolFieldId) return [`${schoolFieldId}${school[0]}`, t(school[1])];
    return null;
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${prefix}-error-heading`}>
      <h2 id={`${prefix}-error-heading`}>
        {keys.length > 0 ? t('req.errorHeading', { count: keys.length }) : t('req.errorHeadingGeneral')}
      </h2>
      {keys.length === 0 && message ? <p>{message}</p> : null}
      <ul>
        {keys.map((key) => {
          const where = target(key);
          const text = fieldMessage(errors, key) ?? '';
          return <li key={key}>{where ? <a href={`#${where[0]}`}>{`${where[1]}: ${text}`}</a> : `${key}: ${text}`}</li>;
        })}
      </ul>
    </div>
  );
});
