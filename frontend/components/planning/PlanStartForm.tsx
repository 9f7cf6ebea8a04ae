import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { truckName } from '../../model/trucks';

interface PlanStartFormProps {
  from: string;
  to: string;
  truckIds: string[];
  /** Every truck that can be chosen. */
  knownTrucks: string[];
  onFrom(from: string): void;
  onTo(to: string): void;
  onTruckIds(ids: string[]): void;
  onSubmit(e: FormEvent): void;
  /** Make the alternatives too (eerlijkst, meeste scholen, minste kilometers). */
  withAlternatives: boolean;
  onWithAlternatives(value: boolean): void;
  /** A plan is being started or running. */
  isDisabled: boolean;
}

/** The crew's form to make a plan: the period and the trucks. */
export function PlanStartForm({
  from,
  to,
  truckIds,
  knownTrucks,
  onFrom,
  onTo,
  onTruckIds,
  onSubmit,
  withAlternatives,
  onWithAlternatives,
  isDisabled,
}: PlanStartFormProps) {
  const { t } = useI18n();
  return (
    <form className="plan-form" onSubmit={onSubmit}>
      <div className="form-field">
        <label htmlFor="plan-from">{t('board.from')}</label>
        <input id="plan-from" type="date" value={from} required onChange={(e) => onFrom(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="plan-to">{t('board.to')}</label>
        <input id="plan-to" type="date" value={to} min={from} required onChange={(e) => onTo(e.target.value)} />
      </div>
      <fieldset className="form-group inline-group">
        <legend>{t('board.trucks')}</legend>
        {knownTrucks.map((id) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={truckIds.includes(id)}
              onChange={(e) =>
                onTruckIds(e.target.checked ? [...truckIds, id].sort() : truckIds.filter((x) => x !== id))
              }
            />
            {truckName(id)}
          </label>
        ))}
      </fieldset>
      <div className="form-field plan-alternatives-option">
        <label className="check">
          <input
            type="checkbox"
            checked={withAlternatives}
            aria-describedby="plan-alternatives-hint"
            onChange={(e) => onWithAlternatives(e.target.checked)}
          />
          {t('alt.make')}
        </label>
        <span id="plan-alternatives-hint" className="form-hint">
          {t('alt.makeHint')}
        </span>
      </div>
      <button type="submit" className="button-primary" disabled={isDisabled || truckIds.length === 0 || !from || !to}>
        {t('board.make')}
      </button>
    </form>
  );
}
