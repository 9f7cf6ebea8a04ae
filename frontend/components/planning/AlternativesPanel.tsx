import { useState } from 'react';
import type { PlanAlternativeDto, PlanDto } from '../../../shared/api/plans';
import type { RegionDto } from '../../../shared/api/regions';
import { chooseAlternative } from '../../api/plans';
import { useI18n } from '../../i18n/I18nProvider';
import { RegionBars } from './PlanFigures';
import { planDrivingMinutes } from './planMath';
import './alternatives.css';

interface AlternativesPanelProps {
  plan: PlanDto;
  regions: readonly RegionDto[];
  canWrite: boolean;
  onChosen(plan: PlanDto, label: string): void;
  onError(message: string): void;
}

/** The alternative as a plan the figure components take (same id space, its own figures and routes). */
const asPlan = (plan: PlanDto, a: PlanAlternativeDto): PlanDto => ({
  ...plan,
  id: `${plan.id}-${a.kind}`,
  plan: a.plan,
  figures: a.figures,
  reasons: a.reasons,
});

/**
 * The alternatives of a plan side by side: schools, km, driving hours, CO2, the regions against their fair
 * share, and what each one buys against the balanced plan in words. The crew picks one with a note.
 */
export function AlternativesPanel({ plan, regions, canWrite, onChosen, onError }: AlternativesPanelProps) {
  const { t, tp, formatNumber } = useI18n();
  const [choosing, setChoosing] = useState<PlanAlternativeDto['kind'] | null>(null);
  const [note, setNote] = useState('');
  const [isBusy, setBusy] = useState(false);
  const balanced = plan.alternatives.find((a) => a.kind === 'balanced') ?? plan.alternatives[0]!;
  const current = plan.chosenAlternative?.kind ?? 'balanced';
  const nameOf = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  const hours = (minutes: number) => formatNumber(Math.round(minutes / 6) / 10);

  const sentence = (a: PlanAlternativeDto): string => {
    if (a.kind === balanced.kind) return t('alt.balancedSentence');
    const parts: string[] = [];
    const ds = a.figures.served - balanced.figures.served;
    parts.push(ds > 0 ? tp('alt.moreSchools', ds) : ds < 0 ? tp('alt.fewerSchools', -ds) : t('alt.same'));
    const short = Object.entries(a.figures.servedByRegion)
      .map(([id, r]) => ({ id, missing: Math.round(r.fair - r.served) }))
      .filter((r) => r.missing >= 1)
      .sort((x, y) => y.missing - x.missing || x.id.localeCompare(y.id));
    if (short.length === 0) parts.push(t('alt.allFair'));
    for (const r of short.slice(0, 2)) parts.push(tp('alt.regionShort', r.missing, { region: nameOf(r.id) }));
    const dk = Math.round(a.figures.roadKm - balanced.figures.roadKm);
    parts.push(dk < 0 ? t('alt.kmLess', { km: -dk }) : dk > 0 ? t('alt.kmMore', { km: dk }) : t('alt.kmSame'));
    const text = parts.join('; ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };

  const confirm = async (a: PlanAlternativeDto) => {
    setBusy(true);
    try {
      const label = t(`alt.kind.${a.kind}`);
      const updated = await chooseAlternative(plan.id, { version: plan.version, kind: a.kind, note: note.trim() });
      setChoosing(null);
      setNote('');
      onChosen(updated, label);
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="alternatives" aria-labelledby="alternatives-heading" data-testid="alternatives">
      <h3 id="alternatives-heading">{t('alt.heading')}</h3>
      <p className="form-hint">{t('alt.intro')}</p>
      <div className="alt-grid">
        {plan.alternatives.map((a) => {
          const label = t(`alt.kind.${a.kind}`);
          const isCurrent = a.kind === current;
          const headingId = `alt-${a.kind}-heading`;
          return (
            <article
              key={a.kind}
              className={`alt-card${isCurrent ? ' is-current' : ''}`}
              aria-labelledby={headingId}
              data-kind={a.kind}
            >
              <h4 id={headingId}>
                {label}{' '}
                {isCurrent ? (
                  <span className="status-badge plan-done">
                    {plan.chosenAlternative ? t('alt.chosen') : t('alt.current')}
                  </span>
                ) : null}
              </h4>
              <p className="alt-what">{t(`alt.what.${a.kind}`)}</p>
              <dl className="alt-figures">
                <div>
                  <dt>{t('alt.served')}</dt>
                  <dd>{t('board.fig.servedOf', { served: a.figures.served, requests: a.figures.requests })}</dd>
                </div>
                <div>
                  <dt>{t('alt.km')}</dt>
                  <dd>{formatNumber(a.figures.roadKm)}</dd>
                </div>
                <div>
                  <dt>{t('alt.driving')}</dt>
                  <dd>{hours(planDrivingMinutes(asPlan(plan, a)))}</dd>
                </div>
                <div>
                  <dt>{t('alt.co2')}</dt>
                  <dd>{formatNumber(a.co2Kg)}</dd>
                </div>
                <div>
                  <dt>{t('alt.shortfall')}</dt>
                  <dd>{formatNumber(a.figures.fairShortfall)}</dd>
                </div>
              </dl>
              <p className="alt-sentence">{sentence(a)}</p>
              <RegionBars plan={asPlan(plan, a)} regions={regions} title={t('alt.bars', { label })} />
              {canWrite && plan.status === 'done' && !isCurrent ? (
                choosing === a.kind ? (
                  <div className="alt-choose">
                    <label htmlFor={`alt-note-${a.kind}`}>{t('alt.noteLabel')}</label>
                    <textarea
                      id={`alt-note-${a.kind}`}
                      value={note}
                      maxLength={500}
                      rows={3}
                      onChange={(e) => setNote(e.target.value)}
                    />
                    <div className="alt-choose-actions">
                      <button
                        type="button"
                        className="button-primary"
                        disabled={isBusy}
                        onClick={() => void confirm(a)}
                      >
                        {t('alt.confirm')}
                      </button>
                      <button type="button" className="button-secondary" onClick={() => setChoosing(null)}>
                        {t('dialog.cancel')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" className="button-secondary" onClick={() => (setChoosing(a.kind), setNote(''))}>
                    {t('alt.choose', { label })}
                  </button>
                )
              ) : null}
            </article>
          );
        })}
      </div>
      {plan.alternatives.length < 4 ? <p className="form-hint">{t('alt.dropped')}</p> : null}
    </section>
  );
}

/** Which alternative is the plan and why, for everyone who opens it (the coordinator too). */
export function ChosenAlternativeNote({ plan }: { plan: PlanDto }) {
  const { t, formatDate } = useI18n();
  const c = plan.chosenAlternative;
  if (!c) return null;
  return (
    <p className="note alt-chosen-note" data-testid="chosen-alternative">
      <strong>{t('alt.chosenBy', { label: t(`alt.kind.${c.kind}`) })}</strong> ({formatDate(c.at.slice(0, 10))}).{' '}
      {t('alt.chosenNote', { note: c.note || t('alt.noNote') })}
    </p>
  );
}
