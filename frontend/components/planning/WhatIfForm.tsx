import { useState, type FormEvent } from 'react';
import type { PlanDto } from '../../../shared/api/plans';
import type { RegionDto } from '../../../shared/api/regions';
import type { Scenario } from '../../../shared/optimizer/scenarios';
import { useI18n } from '../../i18n/I18nProvider';

type Kind = Scenario['kind'];

/** "Wat als…": plans the same requests with one change; the result opens beside the current plan to compare. */
export function WhatIfForm({
  plan,
  regions,
  isDisabled,
  onRun,
}: {
  plan: PlanDto;
  regions: readonly RegionDto[];
  isDisabled: boolean;
  onRun(scenario: Scenario): void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('second-truck');
  const [from, setFrom] = useState(plan.from);
  const [to, setTo] = useState(plan.to);
  const [minutes, setMinutes] = useState(60);
  const [region, setRegion] = useState(regions[0]?.id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'second-truck') onRun({ kind, from, to });
    else if (kind === 'extra-days') onRun({ kind, weekdays: [6] });
    else if (kind === 'longer-shifts') onRun({ kind, minutes });
    else onRun({ kind, region });
  };
  return (
    <form className="whatif-form" onSubmit={submit} aria-labelledby="whatif-heading">
      <h3 id="whatif-heading">{t('whatif.heading')}</h3>
      <p className="form-hint">{t('whatif.intro')}</p>
      <div className="form-field">
        <label htmlFor="whatif-kind">{t('whatif.kind')}</label>
        <select id="whatif-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="second-truck">{t('whatif.kind.second-truck')}</option>
          <option value="extra-days">{t('whatif.kind.extra-days')}</option>
          <option value="longer-shifts">{t('whatif.kind.longer-shifts')}</option>
          <option value="region-first">{t('whatif.kind.region-first')}</option>
        </select>
      </div>
      {kind === 'second-truck' ? (
        <>
          <div className="form-field">
            <label htmlFor="whatif-from">{t('whatif.from')}</label>
            <input
              id="whatif-from"
              type="date"
              value={from}
              min={plan.from}
              max={plan.to}
              required
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="form-field">
            <label htmlFor="whatif-to">{t('whatif.to')}</label>
            <input
              id="whatif-to"
              type="date"
              value={to}
              min={from}
              max={plan.to}
              required
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
        </>
      ) : null}
      {kind === 'extra-days' ? <p className="form-hint">{t('whatif.saturday')}</p> : null}
      {kind === 'longer-shifts' ? (
        <div className="form-field">
          <label htmlFor="whatif-minutes">{t('whatif.minutes')}</label>
          <input
            id="whatif-minutes"
            type="number"
            min={15}
            max={240}
            step={15}
            value={minutes}
            required
            onChange={(e) => setMinutes(Number(e.target.value))}
          />
        </div>
      ) : null}
      {kind === 'region-first' ? (
        <div className="form-field">
          <label htmlFor="whatif-region">{t('whatif.region')}</label>
          <select id="whatif-region" value={region} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="button-secondary" disabled={isDisabled}>
        {t('whatif.run')}
      </button>
    </form>
  );
}
