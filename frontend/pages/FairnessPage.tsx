import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { FairnessDashboard } from '../../shared/api/dashboard';
import { listRegions } from '../api';
import { fairnessExportUrl, getFairness } from '../api/dashboard';
import { CountCells, CountHeaders } from '../components/fairness/CountCells';
import { FairnessBars } from '../components/fairness/FairnessBars';
import { GapLegend } from '../components/fairness/GapLegend';
import { GapText } from '../components/fairness/GapText';
import { GAP_COLORS, gapClass } from '../components/fairness/gapScale';
import { LoadError } from '../components/LoadError';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';
import { todayInAmsterdam } from '../live/liveState';
import { geometryBounds } from '../map/geo';
import { ChoroplethLayer } from '../map/layers/ChoroplethLayer';
import { MapOverlay, MapShell } from '../map/MapShell';
import { CrewGate } from './CrewGate';
import { rolesFor } from '../model/pageAccess';
import { truckName } from '../model/trucks';
import '../components/requests/requests.css';
import '../components/fairness/fairness.css';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WAITING_SHOWN = 10;

/** The school year (1 August – 31 July) that `date` falls in, shifted by `offset` years. */
function schoolYear(date: string, offset = 0): { from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const start = (Number(date.slice(5, 7)) >= 8 ? year : year - 1) + offset;
  return { from: `${start}-08-01`, to: `${start + 1}-07-31` };
}

function readPeriod(): { from: string; to: string } {
  const params = new URLSearchParams(window.location.search);
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to) return { from, to };
  return schoolYear(todayInAmsterdam());
}

/** The fairness dashboard (/eerlijkheid): visits per STO region against the fair share, with drill-down and export. */
export function FairnessPage() {
  return <CrewGate roles={rolesFor('fairness')}>{() => <Fairness />}</CrewGate>;
}

function Fairness() {
  const { t, formatNumber, formatDate } = useI18n();
  const [period, setPeriod] = useState(readPeriod);
  const [draft, setDraft] = useState(period);
  const [region, setRegion] = useState<string | null>(null);
  const [municipality, setMunicipality] = useState<string | null>(null);
  const load = useCallback((signal: AbortSignal) => getFairness(period.from, period.to, signal), [period]);
  const res = useResource(load);
  const regionsRes = useResource(listRegions);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set('from', period.from);
    url.searchParams.set('to', period.to);
    window.history.replaceState(null, '', url);
  }, [period]);

  const choose = (next: { from: string; to: string }) => {
    setDraft(next);
    setPeriod(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ISO_DATE.test(draft.from) && ISO_DATE.test(draft.to) && draft.from <= draft.to) setPeriod(draft);
  };
  const chooseRegion = (id: string | null) => {
    setRegion(id);
    setMunicipality(null);
  };

  const data = res.data;
  const regionName = useCallback(
    (id: string | null) => data?.regions.find((r) => r.id === id)?.name ?? id ?? '–',
    [data],
  );
  const regionRows = data?.regions ?? [];
  const focus = useMemo(() => geometryBounds((regionsRes.data ?? []).map((r) => r.geometry)), [regionsRes.data]);
  const periodIsValid = ISO_DATE.test(draft.from) && ISO_DATE.test(draft.to) && draft.from <= draft.to;

  return (
    <div className="page-scroll">
      <div className="page wide fairness">
        <div className="fair-head">
          <h1>{t('fair.heading')}</h1>
          <button type="button" className="button-secondary no-print" onClick={() => window.print()}>
            {t('fair.print')}
          </button>
        </div>
        <p className="print-only fair-print-period">
          {t('fair.period', { from: formatDate(period.from), to: formatDate(period.to) })}
        </p>

        <form className="fair-period no-print" onSubmit={submit} aria-label={t('fair.periodLabel')}>
          <div className="field">
            <label htmlFor="fair-from">{t('fair.from')}</label>
            <input
              id="fair-from"
              type="date"
              value={draft.from}
              max={draft.to}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="fair-to">{t('fair.to')}</label>
            <input
              id="fair-to"
              type="date"
              value={draft.to}
              min={draft.from}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
          <button type="submit" className="button-primary" disabled={!periodIsValid}>
            {t('fair.show')}
          </button>
          <div className="fair-presets" role="group" aria-label={t('fair.presets')}>
            <button type="button" className="button-secondary" onClick={() => choose(schoolYear(todayInAmsterdam()))}>
              {t('fair.thisYear')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => choose(schoolYear(todayInAmsterdam(), -1))}
            >
              {t('fair.lastYear')}
            </button>
          </div>
        </form>

        {res.status === 'loading' ? <p role="status">{t('common.loading')}</p> : null}
        {res.status === 'error' ? <LoadError error={res.error} onRetry={res.reload} /> : null}

        {data ? (
          <>
            <Totals data={data} />

            <section aria-labelledby="fair-regions-heading">
              <h2 id="fair-regions-heading">{t('fair.regions')}</h2>
              <p className="muted">{t('fair.explain')}</p>
              <div className="fair-region-grid">
                <FairnessBars rows={regionRows} />
                <div>
                  <div className="fair-map">
                    <MapShell id="fair-map" focusBounds={focus} focusKey={focus ? 'regions' : 'none'}>
                      <MapOverlay name={t('map.layer.regions')} checked>
                        <ChoroplethLayer
                          regions={regionsRes.data ?? []}
                          fill={(id) => {
                            const row = regionRows.find((r) => r.id === id);
                            return row ? GAP_COLORS[gapClass(row.gap)] : null;
                          }}
                          describe={(id) => {
                            const row = regionRows.find((r) => r.id === id);
                            return row
                              ? `${row.name}: ${t('fair.tooltip', { planned: row.planned, fair: formatNumber(Math.round(row.fairShare * 10) / 10) })} – ${t(`fair.gap.${gapClass(row.gap)}`)}`
                              : regionName(id);
                          }}
                          selectedRegion={region}
                          onSelect={chooseRegion}
                        />
                      </MapOverlay>
                    </MapShell>
                  </div>
                  <GapLegend />
                </div>
              </div>
              <div className="table-scroll" tabIndex={0}>
                <table className="fair-table" id="fair-region-table">
                  <caption>{t('fair.regionTable')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('fair.col.region')}</th>
                      <th scope="col" className="num">
                        {t('fair.col.weight')}
                      </th>
                      <CountHeaders />
                      <th scope="col" className="num">
                        {t('fair.col.fairShare')}
                      </th>
                      <th scope="col">{t('fair.col.gap')}</th>
                      <th scope="col" className="no-print">
                        <span className="visually-hidden">{t('fair.col.drill')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {regionRows.map((r) => (
                      <tr key={r.id} className={r.id === region ? 'is-selected' : undefined}>
                        <th scope="row">{r.name}</th>
                        <td className="num">{formatNumber(r.weight)}</td>
                        <CountCells row={r} />
                        <td className="num">{formatNumber(Math.round(r.fairShare * 10) / 10)}</td>
                        <td>
                          <GapText gap={r.gap} />
                        </td>
                        <td className="no-print">
                          <button
                            type="button"
                            className="link-button"
                            aria-pressed={r.id === region}
                            onClick={() => chooseRegion(r.id === region ? null : r.id)}
                          >
                            {t('fair.drill', { name: r.name })}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <DrillDown
              data={data}
              region={region}
              municipality={municipality}
              onRegion={chooseRegion}
              onMunicipality={setMunicipality}
              regionName={regionName}
            />

            <section aria-labelledby="fair-never-heading">
              <h2 id="fair-never-heading">
                {t('fair.never', { count: data.neverVisited.filter((s) => !region || s.region === region).length })}
                {region ? ` – ${regionName(region)}` : ''}
              </h2>
              <p className="muted">{t('fair.neverExplain')}</p>
              <ul className="fair-columns">
                {data.neverVisited
                  .filter((s) => !region || s.region === region)
                  .map((s) => (
                    <li key={s.id}>
                      {s.name} <span className="muted">({s.municipality})</span>
                    </li>
                  ))}
              </ul>
            </section>

            <section aria-labelledby="fair-waiting-heading">
              <h2 id="fair-waiting-heading">{t('fair.waiting')}</h2>
              {data.waitingLongest.length === 0 ? <p>{t('fair.noWaiting')}</p> : null}
              {data.waitingLongest.length > 0 ? (
                <div className="table-scroll" tabIndex={0}>
                  <table className="fair-table">
                    <caption className="visually-hidden">{t('fair.waiting')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('fair.col.school')}</th>
                        <th scope="col">{t('fair.col.region')}</th>
                        <th scope="col">{t('fair.col.reference')}</th>
                        <th scope="col">{t('fair.col.submitted')}</th>
                        <th scope="col" className="num">
                          {t('fair.col.waitingDays')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.waitingLongest.slice(0, WAITING_SHOWN).map((w) => (
                        <tr key={w.requestId}>
                          <th scope="row">{w.schoolName}</th>
                          <td>{regionName(w.region)}</td>
                          <td>{w.reference}</td>
                          <td>{formatDate(w.submittedAt.slice(0, 10))}</td>
                          <td className="num">{formatNumber(w.waitingDays)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </section>

            <section aria-labelledby="fair-km-heading">
              <h2 id="fair-km-heading">{t('fair.km')}</h2>
              <p>
                {t('fair.kmText', {
                  km: formatNumber(Math.round(data.totals.km)),
                  days: data.totals.truckDays,
                  co2: formatNumber(Math.round(data.totals.co2Kg)),
                  factor: formatNumber(data.co2KgPerKm),
                })}
              </p>
              {data.truckDays.length > 0 ? (
                <details className="fair-days">
                  <summary>{t('fair.kmPerDay')}</summary>
                  <table className="fair-table">
                    <caption className="visually-hidden">{t('fair.kmPerDay')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('fair.col.date')}</th>
                        <th scope="col">{t('live.truck')}</th>
                        <th scope="col" className="num">
                          {t('fair.col.stops')}
                        </th>
                        <th scope="col" className="num">
                          {t('fair.col.km')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.truckDays.map((d) => (
                        <tr key={`${d.truckId}|${d.date}`}>
                          <th scope="row">{formatDate(d.date)}</th>
                          <td>{truckName(d.truckId)}</td>
                          <td className="num">{d.stops}</td>
                          <td className="num">{formatNumber(Math.round(d.km * 10) / 10)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ) : null}
            </section>

            <section aria-labelledby="fair-export-heading" className="no-print">
              <h2 id="fair-export-heading">{t('fair.export')}</h2>
              <ul className="fair-export">
                {(['regions', 'municipalities', 'schools'] as const).map((level) => (
                  <li key={level}>
                    <a href={fairnessExportUrl(period.from, period.to, level)} download>
                      {t(`fair.csv.${level}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : null}
      </div>
    </div>
  );
}

function Totals({ data }: { data: FairnessDashboard }) {
  const { t, formatNumber, formatDate } = useI18n();
  const items: Array<[string, string]> = [
    [t('fair.col.requests'), formatNumber(data.totals.requests)],
    [t('fair.col.planned'), formatNumber(data.totals.planned)],
    [t('fair.col.done'), formatNumber(data.totals.done)],
    [t('fair.col.pupils'), formatNumber(data.totals.pupilsReached)],
    [t('fair.col.km'), formatNumber(Math.round(data.totals.km))],
    [t('fair.co2'), formatNumber(Math.round(data.totals.co2Kg))],
  ];
  return (
    <section aria-label={t('fair.totals', { from: formatDate(data.from), to: formatDate(data.to) })}>
      <dl className="fair-totals">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

interface DrillDownProps {
  data: FairnessDashboard;
  region: string | null;
  municipality: string | null;
  onRegion(id: string | null): void;
  onMunicipality(name: string | null): void;
  regionName(id: string | null): string;
}

/** Region → municipalities → schools, each a table; the choice is also a select, for keyboard and screen readers. */
function DrillDown({ data, region, municipality, onRegion, onMunicipality, regionName }: DrillDownProps) {
  const { t, formatDate } = useI18n();
  const municipalities = data.municipalities.filter((m) => !region || m.region === region);
  const schools = data.schools.filter(
    (s) => (!region || s.region === region) && (!municipality || s.municipality === municipality),
  );
  return (
    <section aria-labelledby="fair-drill-heading" className="fair-drill">
      <h2 id="fair-drill-heading">{t('fair.drillHeading')}</h2>
      <div className="fair-drill-pick no-print">
        <div className="field">
          <label htmlFor="fair-region">{t('fair.col.region')}</label>
          <select id="fair-region" value={region ?? ''} onChange={(e) => onRegion(e.target.value || null)}>
            <option value="">{t('fair.allRegions')}</option>
            {data.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fair-municipality">{t('fair.col.municipality')}</label>
          <select
            id="fair-municipality"
            value={municipality ?? ''}
            onChange={(e) => onMunicipality(e.target.value || null)}
          >
            <option value="">{t('fair.allMunicipalities')}</option>
            {municipalities.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table className="fair-table" id="fair-municipality-table">
          <caption>
            {t('fair.municipalityTable', { region: region ? regionName(region) : t('fair.allRegions') })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('fair.col.municipality')}</th>
              <CountHeaders />
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.name} className={m.name === municipality ? 'is-selected' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={m.name === municipality}
                    onClick={() => onMunicipality(m.name === municipality ? null : m.name)}
                  >
                    {m.name}
                  </button>
                </th>
                <CountCells row={m} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table className="fair-table" id="fair-school-table">
          <caption>
            {t('fair.schoolTable', { place: municipality ?? (region ? regionName(region) : t('fair.allRegions')) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('fair.col.school')}</th>
              <th scope="col">{t('fair.col.municipality')}</th>
              <CountHeaders />
              <th scope="col">{t('fair.col.lastVisit')}</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.municipality}</td>
                <CountCells row={s} />
                <td>{s.lastVisit ? formatDate(s.lastVisit) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
