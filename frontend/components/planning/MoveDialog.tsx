import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { cellKey, type BoardVisit } from './planMath';

export interface MoveDialogProps {
  visit: BoardVisit | null;
  days: readonly string[];
  trucks: ReadonlyArray<{ id: string; name: string }>;
  visits: ReadonlyMap<string, BoardVisit[]>;
  closed: ReadonlyMap<string, string>;
  onMove(visit: BoardVisit, truck: string, date: string): void;
  onClose(): void;
}

/** "Verplaats naar…": the keyboard way to move a visit, a list of every other truck-day of the period. */
export function MoveDialog({ visit, days, trucks, visits, closed, onMove, onClose }: MoveDialogProps) {
  const { t, tp, lang } = useI18n();
  const locale = lang === 'nl' ? nl : enGB;
  const ref = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (visit && !dialog.open) {
      setTarget('');
      dialog.showModal();
    } else if (!visit && dialog.open) dialog.close();
  }, [visit]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [truck, date] = target.split('|');
    if (visit && truck && date) onMove(visit, truck, date);
  };

  const options = trucks.flatMap((truck) =>
    days
      .filter((d) => !visit || truck.id !== visit.truck || d !== visit.date)
      .map((d) => {
        const count = visits.get(cellKey(truck.id, d))?.length ?? 0;
        const holiday = closed.get(d);
        const text = `${format(parseISO(d), 'EEEE d MMMM', { locale })} – ${truck.name} (${tp('board.visitCount', count)}${holiday ? `, ${holiday}` : ''})`;
        return { value: `${truck.id}|${d}`, text };
      }),
  );

  return (
    <dialog ref={ref} className="reason-dialog" aria-labelledby="move-dialog-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="move-dialog-title">
          {t('board.moveTitle', { school: visit?.info?.schoolName ?? visit?.stop.request ?? '' })}
        </h2>
        <div className="form-field">
          <label htmlFor="move-target">{t('board.moveTarget')}</label>
          <select id="move-target" value={target} onChange={(e) => setTarget(e.target.value)} required>
            <option value="">{t('board.moveChoose')}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={!target}>
            {t('board.moveConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
