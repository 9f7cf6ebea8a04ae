import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { useI18n } from '../../i18n/I18nProvider';
import { errorIdOf, GroupError } from './FormField';
import { weekDays, type SchoolWeek } from './weeks';

/** Booked and available visit slots of a week (published stops against trucks × open days × visits a day). */
export interface WeekOccupancy {
  booked: number;
  capacity: number;
}

export interface WeekPickerProps {
  id: string;
  weeks: readonly SchoolWeek[];
  /** Mondays of the chosen weeks. */
  selected: readonly string[];
  closed: ReadonlyMap<string, string>;
  /** Occupancy by Monday; null when it is not known (e.g. not logged in). */
  occupancy: ReadonlyMap<string, WeekOccupancy> | null;
  error?: string | undefined;
  onChange(selected: string[]): void;
  onMore?(): void;
}

/** Preferred weeks as a grid of week checkboxes; holidays are greyed out and busy weeks say how busy. */
export function WeekPicker({ id, weeks, selected, closed, occupancy, error, onChange, onMore }: WeekPickerProps) {
  const { t, lang } = useI18n();
  const locale = lang === 'nl' ? nl : enGB;
  const toggle = (monday: string, on: boolean) =>
    onChange(on ? [...selected, monday].sort() : selected.filter((m) => m !== monday));
  return (
    <fieldset className="form-group week-picker" id={id} aria-describedby={error ? errorIdOf(id) : `${id}-hint`}>
      <legend>
        {t('req.weeks')} <span className="form-required">({t('req.required')})</span>
      </legend>
      <p className="form-hint" id={`${id}-hint`}>
        {t('req.weeksHint')}
      </p>
      <GroupError id={id} error={error} />
      <ul className="week-grid">
        {weeks.map((w) => {
          const days = weekDays(w);
          const closedNames = [...new Set(days.map((d) => closed.get(d)).filter((n): n is string => Boolean(n)))];
          const closedCount = days.filter((d) => closed.has(d)).length;
          const isClosed = closedCount === days.length;
          const isChosen = selected.includes(w.monday);
          const occ = occupancy?.get(w.monday);
          const range = `${format(parseISO(w.monday), 'd MMM', { locale })} – ${format(parseISO(w.friday), 'd MMM yyyy', { locale })}`;
          const boxId = `${id}-${w.monday}`;
          return (
            <li key={w.monday} className={`week-cell${isClosed ? ' is-closed' : ''}${isChosen ? ' is-chosen' : ''}`}>
              <input
                type="checkbox"
                id={boxId}
                value={w.monday}
                checked={isChosen}
                disabled={isClosed && !isChosen}
                onChange={(e) => toggle(w.monday, e.target.checked)}
                aria-describedby={`${boxId}-info`}
              />
              <label htmlFor={boxId}>
                <span className="week-number">{t('req.weekN', { week: w.week })}</span>
                <span className="week-range">{range}</span>
              </label>
              <span className="week-info" id={`${boxId}-info`}>
                {isClosed
                  ? closedNames.join(', ')
                  : closedCount > 0
                    ? t('req.weekPartlyClosed', { count: closedCount, names: closedNames.join(', ') })
                    : ''}
                {occ && !isClosed ? (
                  <span className={`week-occupancy${occ.booked >= occ.capacity ? ' is-full' : ''}`}>
                    {t('req.weekOccupancy', { week: w.week, booked: occ.booked, capacity: occ.capacity })}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {onMore ? (
        <button type="button" className="button-secondary" onClick={onMore}>
          {t('req.moreWeeks')}
        </button>
      ) : null}
    </fieldset>
  );
}

export interface ExcludedDaysProps {
  id: string;
  weeks: readonly string[];
  excluded: readonly string[];
  closed: ReadonlyMap<string, string>;
  error?: string | undefined;
  onChange(excluded: string[]): void;
}

/** For each chosen week, its weekdays as "cannot" checkboxes (holidays shown, not choosable). */
export function ExcludedDays({ id, weeks, excluded, closed, error, onChange }: ExcludedDaysProps) {
  const { t, lang } = useI18n();
  const locale = lang === 'nl' ? nl : enGB;
  if (weeks.length === 0) return null;
  return (
    <fieldset className="form-group excluded-days" id={id}>
      <legend>{t('req.excluded')}</legend>
      <p className="form-hint">{t('req.excludedHint')}</p>
      <GroupError id={id} error={error} />
      {weeks.map((monday) => (
        <div key={monday} className="excluded-week">
          {weekDays({ monday }).map((d) => {
            const holiday = closed.get(d);
            const boxId = `${id}-${d}`;
            return (
              <span key={d} className={`day-toggle${holiday ? ' is-closed' : ''}`}>
                <input
                  type="checkbox"
                  id={boxId}
                  checked={excluded.includes(d)}
                  disabled={Boolean(holiday)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...excluded, d].sort() : excluded.filter((x) => x !== d))
                  }
                />
                <label htmlFor={boxId} title={holiday}>
                  {format(parseISO(d), 'EEE d MMM', { locale })}
                  {holiday ? <span className="visually-hidden"> ({holiday})</span> : null}
                </label>
              </span>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}
