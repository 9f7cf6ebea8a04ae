import type { PlanDto } from '../../../shared/api/plans';
import type { RegionDto } from '../../../shared/api/regions';
import { usePlanLabels } from '../../hooks/usePlanLabels';
import { useI18n } from '../../i18n/I18nProvider';
import { planDrivingMinutes } from './planMath';

/** Hours with one decimal, e.g. "3,5 uur". */
function useHours() {
  const { lang } = useI18n();
  return (minutes: number) =>
    new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      maximumFractionDigits: 1,
      minimumFractionDigits: 1,
    }).format(minutes / 60);
}

/** The figures plans are judged on, for one plan or side by side for two. */
export function PlanFigures({ plans }: { plans: ReadonlyArray<PlanDto> }) {
  const { t, formatNumber } = useI18n();
  // Two plans of the same period have the same name: when they were made and their what-if settings tell them apart.
  const sameName = plans.length > 1 && plans.every((p) => p.name === plans[0]!.name);
  const labels = usePlanLabels(plans);
  const hours = useHours();
  const rows: Array<[string, (p: PlanDto) => string]> = [
    [
      t('board.fig.served'),
      (p) => (p.figures ? t('board.fig.servedOf', { served: p.figures.served, requests: p.figures.requests }) : '–'),
    ],
    [t('board.fig.km'), (p) => (p.figures ? `${formatNumber(p.figures.roadKm)} km` : '–')],
    [t('board.fig.driving'), (p) => t('board.fig.hours', { hours: hours(planDrivingMinutes(p)) })],
    [t('board.fig.days'), (p) => (p.figures ? formatNumber(p.figures.routes) : '–')],
    [t('board.fig.unassigned'), (p) => (p.figures ? formatNumber(p.figures.unassigned) : '–')],
    [t('board.fig.fairShortfall'), (p) => (p.figures ? formatNumber(p.figures.fairShortfall) : '–')],
  ];
  return (
    <table className="figures-table">
      <caption>{plans.length > 1 ? t('board.compareHeading') : t('board.figures')}</caption>
      {plans.length > 1 ? (
        <thead>
          <tr>
            <td />
            {plans.map((p) => (
              <th key={p.id} scope="col">
                {sameName ? (labels.get(p.id) ?? p.name) : p.name}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {plans.map((p) => (
              <td key={p.id}>{value(p)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Visits per region against the region's fair share, as bars (with the same numbers in a table for screen readers). */
export function RegionBars({ plan, regions, title }: { plan: PlanDto; regions: readonly RegionDto[]; title: string }) {
  const { t, formatNumber } = useI18n();
  const byRegion = plan.figures?.servedByRegion ?? {};
  const ids = regions.length > 0 ? regions.map((r) => r.id).filter((id) => id in byRegion) : Object.keys(byRegion);
  for (const id of Object.keys(byRegion)) if (!ids.includes(id as RegionDto['id'])) ids.push(id as RegionDto['id']);
  const max = Math.max(1, ...ids.map((id) => Math.max(byRegion[id]!.served, byRegion[id]!.fair)));
  const nameOf = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  const colorOf = (id: string) => regions.find((r) => r.id === id)?.color ?? '#1f5fa8';
  const number = (n: number) => formatNumber(Math.round(n * 10) / 10);
  const captionId = `region-bars-${plan.id}`;
  return (
    <figure className="region-bars" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div className="bars" aria-hidden="true">
        {ids.map((id) => {
          const r = byRegion[id]!;
          const isShort = r.served + 0.5 < r.fair;
          return (
            <div key={id} className="bar-row">
              <span className="bar-name">{nameOf(id)}</span>
              <span className="bar-track">
                <span className="bar-served" style={{ width: `${(r.served / max) * 100}%`, background: colorOf(id) }} />
                <span className="bar-fair" style={{ left: `${(r.fair / max) * 100}%` }} />
              </span>
              <span className={`bar-value${isShort ? ' is-short' : ''}`}>
                {formatNumber(r.served)} / {number(r.fair)}
              </span>
            </div>
          );
        })}
        <p className="bar-legend">
          <span className="legend-bar" /> {t('board.bars.legendServed')} <span className="legend-fair" />{' '}
          {t('board.bars.fair')}
        </p>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.bars.region')}</th>
            <th scope="col">{t('board.bars.served')}</th>
            <th scope="col">{t('board.bars.fair')}</th>
            <th scope="col">{t('board.bars.demand')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id}>
              <th scope="row">{nameOf(id)}</th>
              <td>{formatNumber(byRegion[id]!.served)}</td>
              <td>{number(byRegion[id]!.fair)}</td>
              <td>{formatNumber(byRegion[id]!.demand)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Requests the plan could not place, with the optimizer's reason in the current language. */
export function UnassignedList({ plan }: { plan: PlanDto }) {
  const { t, lang } = useI18n();
  const infos = new Map(plan.requests.map((r) => [r.id, r]));
  const placed = new Set((plan.plan?.routes ?? []).flatMap((r) => r.stops.map((s) => s.request)));
  const reasons = new Map(plan.reasons.map((r) => [r.request, r]));
  const entries = (plan.plan?.unassigned ?? []).filter((u) => !placed.has(u.request));
  return (
    <section className="unassigned" aria-labelledby="unassigned-heading">
      <h3 id="unassigned-heading">{t('board.unassigned', { count: entries.length })}</h3>
      {entries.length === 0 ? (
        <p>{t('board.unassignedNone')}</p>
      ) : (
        <ul>
          {entries.map((u) => {
            const info = infos.get(u.request);
            const reason = reasons.get(u.request);
            const text = reason ? reason[lang] : lang === 'en' ? (u.reasonEn ?? u.reason) : u.reason;
            return (
              <li key={u.request}>
                <strong>{info?.schoolName ?? u.request}</strong>{' '}
                <span className="muted">{info?.reference ?? u.request}</span>
                <br />
                {text}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
