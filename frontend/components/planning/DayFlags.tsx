import { useCallback, useState } from 'react';
import type { DayFlagDto, SlotCandidateDto } from '../../../shared/api/plans';
import { addDays } from '../../../shared/domain/time';
import { fillSlot, listDayFlags, listSlotCandidates, resolveDayFlag } from '../../api/plans';
import { useResource } from '../../hooks/useResource';
import { todayIso } from '../../hooks/useWeekData';
import { useI18n } from '../../i18n/I18nProvider';
import { truckName } from '../../model/trucks';

/**
 * Published days that changed after publishing (a school cancelled, the crew declined, a publish met a change):
 * listed at the top of the planning board from today on, each with its day sheet, until the crew marks it seen or
 * fills its free slot with one of the waiting requests that fit ("Inplannen").
 */
export function DayFlags({ canWrite }: { canWrite: boolean }) {
  const { t, formatDate } = useI18n();
  const today = todayIso();
  const load = useCallback((signal: AbortSignal) => listDayFlags(today, addDays(today, 400), signal), [today]);
  const res = useResource(load);
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<Record<string, SlotCandidateDto[]>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const flags = (res.data ?? []).filter((f) => !gone.has(f.id));
  if (flags.length === 0) {
    // What the last "Inplannen" did stays readable when it took the last flag away.
    return done ? (
      <p className="notice" role="status" data-testid="slot-filled">
        {done}
      </p>
    ) : null;
  }
  const showCandidates = async (f: DayFlagDto) => {
    setProblem(null);
    try {
      const list = await listSlotCandidates(f.id);
      setCandidates((c) => ({ ...c, [f.id]: list }));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  const fill = async (f: DayFlagDto, c: SlotCandidateDto) => {
    setProblem(null);
    setDone(null);
    setBusy(true);
    try {
      const r = await fillSlot(f.id, c.requestId);
      setGone((g) => new Set([...g, f.id]));
      setDone(
        t('board.flags.filled', {
          reference: r.reference,
          school: r.schoolName,
          date: formatDate(r.date),
          start: r.start,
          end: r.end,
        }),
      );
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      // The day or the waiting list changed: show what fits now.
      void showCandidates(f);
    } finally {
      setBusy(false);
    }
  };
  const seen = async (f: DayFlagDto) => {
    setProblem(null);
    try {
      await resolveDayFlag(f.id);
      setGone((g) => new Set([...g, f.id]));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="notice notice-error day-flags" aria-labelledby="day-flags-heading" data-testid="day-flags">
      <h2 id="day-flags-heading">{t('board.flags.heading')}</h2>
      <p>{t('board.flags.intro')}</p>
      {problem ? <p role="alert">{problem}</p> : null}
      {done ? (
        <p role="status" data-testid="slot-filled">
          {done}
        </p>
      ) : null}
      <ul>
        {flags.map((f) => (
          <li key={f.id} data-flag-date={f.date} data-flag-truck={f.truckId}>
            <span>
              {t('board.flags.item', {
                date: formatDate(f.date),
                truck: truckName(f.truckId),
                school: f.schoolName,
                reference: f.reference,
                kind: t(`board.flags.${f.kind}`),
                from: f.freedFrom ?? '?',
                to: f.freedTo ?? '?',
              })}
              {f.reason ? ` — ${f.reason}` : ''}
            </span>{' '}
            <a href={`/dagblad/${f.truckId}/${f.date}`}>
              {t('board.flags.daySheet')}
              <span className="visually-hidden">
                {' '}
                {truckName(f.truckId)} {formatDate(f.date)}
              </span>
            </a>{' '}
            <button type="button" className="button-secondary" onClick={() => void showCandidates(f)}>
              {t('board.flags.candidates')}
              <span className="visually-hidden"> {f.reference}</span>
            </button>{' '}
            {canWrite ? (
              <button type="button" className="button-secondary" onClick={() => void seen(f)}>
                {t('board.flags.seen')}
                <span className="visually-hidden"> {f.reference}</span>
              </button>
            ) : null}
            {candidates[f.id] ? (
              candidates[f.id]!.length === 0 ? (
                <p>{t('board.flags.noCandidates')}</p>
              ) : (
                <ul className="slot-candidates" aria-label={t('board.flags.candidatesFor', { reference: f.reference })}>
                  {candidates[f.id]!.map((c) => (
                    <li key={c.requestId}>
                      {t('board.flags.candidate', {
                        school: c.schoolName,
                        reference: c.reference,
                        start: c.start,
                        end: c.end,
                        km: c.dayKm,
                      })}{' '}
                      {canWrite ? (
                        <button
                          type="button"
                          className="button-secondary"
                          disabled={busy}
                          onClick={() => void fill(f, c)}
                        >
                          {t('board.flags.fill')}
                          <span className="visually-hidden">
                            {' '}
                            {c.reference} {formatDate(f.date)}
                          </span>
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
