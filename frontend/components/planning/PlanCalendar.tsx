import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { useState, type DragEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { cellKey, monthWeeks, weekOf, type BoardVisit } from './planMath';

export type CalendarView = 'week' | 'month';
const DRAG_TYPE = 'application/x-techniekwagen-visit';

export interface PlanCalendarProps {
  visits: ReadonlyMap<string, BoardVisit[]>;
  trucks: ReadonlyArray<{ id: string; name: string }>;
  from: string;
  to: string;
  closed: ReadonlyMap<string, string>;
  view: CalendarView;
  anchor: string;
  isEditable: boolean;
  busyRequest: string | null;
  selected: { truck: string; date: string } | null;
  onSelect(truck: string, date: string): void;
  onMove(visit: BoardVisit, truck: string, date: string): void;
  onPin(visit: BoardVisit): void;
  onRemove(visit: BoardVisit): void;
  onOpenMove(visit: BoardVisit): void;
}

/** The plan as a calendar (week: trucks × days; month: days) whose visits can be dragged to another day or truck. */
export function PlanCalendar(props: PlanCalendarProps) {
  const { lang, t } = useI18n();
  const locale = lang === 'nl' ? nl : enGB;
  const { view, anchor, trucks, from, to } = props;
  const dayHeader = (d: string) => format(parseISO(d), view === 'week' ? 'EEEE d MMM' : 'EEE', { locale });
  if (view === 'week') {
    const days = weekOf(anchor);
    return (
      <table className="plan-calendar week-view">
        <caption className="visually-hidden">{t('board.weekCaption', { from: days[0]!, to: days[4]! })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.truck')}</th>
            {days.map((d) => (
              <th key={d} scope="col" className={d < from || d > to ? 'is-outside' : undefined}>
                {dayHeader(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trucks.map((truck) => (
            <tr key={truck.id}>
              <th scope="row">{truck.name}</th>
              {days.map((d) => (
                <DayCell key={d} {...props} truck={truck.id} truckName={truck.name} date={d} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const weeks = monthWeeks(anchor);
  return (
    <table className="plan-calendar month-view">
      <caption className="visually-hidden">{format(parseISO(anchor), 'MMMM yyyy', { locale })}</caption>
      <thead>
        <tr>
          {weeks[0]!.map((d) => (
            <th key={d} scope="col">
              {dayHeader(d)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((d) =>
              trucks.length === 1 ? (
                <DayCell key={d} {...props} truck={trucks[0]!.id} truckName={trucks[0]!.name} date={d} showDate />
              ) : (
                <td key={d} className="multi-truck">
                  {trucks.map((truck) => (
                    <DayCell
                      key={truck.id}
                      {...props}
                      truck={truck.id}
                      truckName={truck.name}
                      date={d}
                      showDate
                      asDiv
                    />
                  ))}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface DayCellProps extends PlanCalendarProps {
  truck: string;
  truckName: string;
  date: string;
  showDate?: boolean;
  asDiv?: boolean;
}

function DayCell(props: DayCellProps) {
  const { t, lang } = useI18n();
  const locale = lang === 'nl' ? nl : enGB;
  const { truck, truckName, date, visits, closed, from, to, isEditable, selected, onSelect, onMove, showDate, asDiv } =
    props;
  const [isOver, setOver] = useState(false);
  const list = visits.get(cellKey(truck, date)) ?? [];
  const holiday = closed.get(date);
  const isOutside = date < from || date > to;
  const isSelected = selected?.truck === truck && selected.date === date;
  const canDrop = isEditable && !isOutside;
  const label = `${truckName}, ${format(parseISO(date), 'EEEE d MMMM', { locale })}`;

  const onDragOver = (e: DragEvent) => {
    if (!canDrop || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    if (!canDrop) return;
    e.preventDefault();
    const [request] = e.dataTransfer.getData(DRAG_TYPE).split('|');
    const visit = [...visits.values()].flat().find((v) => v.stop.request === request);
    if (visit && (visit.truck !== truck || visit.date !== date)) onMove(visit, truck, date);
  };

  const className = [
    'day-cell',
    holiday ? 'is-closed' : '',
    isOutside ? 'is-outside' : '',
    isOver ? 'is-drop-target' : '',
    isSelected ? 'is-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const content = (
    <>
      {showDate ? <span className="day-cell-date">{format(parseISO(date), 'd MMM', { locale })}</span> : null}
      {asDiv ? <span className="day-cell-truck">{truckName}</span> : null}
      {holiday ? <span className="day-cell-holiday">{holiday}</span> : null}
      {list.length > 0 ? (
        <>
          <button
            type="button"
            className="link-button day-route-button"
            aria-pressed={isSelected}
            onClick={() => onSelect(truck, date)}
          >
            {t('board.showRoute')}
            <span className="visually-hidden"> {label}</span>
          </button>
          <ol className="visit-list">
            {list.map((v) => (
              <li key={v.stop.request}>
                <VisitCard {...props} visit={v} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
  const common = {
    className,
    onDragOver,
    onDragLeave: () => setOver(false),
    onDrop,
    'data-cell': cellKey(truck, date),
  };
  return asDiv ? <div {...common}>{content}</div> : <td {...common}>{content}</td>;
}

function VisitCard({
  visit,
  isEditable,
  busyRequest,
  onPin,
  onRemove,
  onOpenMove,
}: DayCellProps & { visit: BoardVisit }) {
  const { t } = useI18n();
  const name = visit.info?.schoolName ?? visit.stop.request;
  const isBusy = busyRequest === visit.stop.request;
  return (
    <div
      className={`visit-card${visit.isPinned ? ' is-pinned' : ''}${isBusy ? ' is-busy' : ''}`}
      draggable={isEditable && !isBusy}
      data-request={visit.stop.request}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, `${visit.stop.request}|${visit.truck}|${visit.date}`);
        e.dataTransfer.setData('text/plain', visit.stop.request);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span className="visit-time">
        {visit.stop.start}–{visit.stop.end}
      </span>
      <span className="visit-school">{name}</span>
      <span className="visit-ref">
        {visit.info?.reference ?? visit.stop.request}
        {visit.isPinned ? <span className="pin-flag"> · {t('board.pinned')}</span> : null}
      </span>
      {isEditable ? (
        <span className="visit-actions">
          <button
            type="button"
            className="mini-button"
            aria-pressed={visit.isPinned}
            disabled={isBusy}
            onClick={() => onPin(visit)}
          >
            {t('board.pin')}
            <span className="visually-hidden"> {name}</span>
          </button>
          <button type="button" className="mini-button" disabled={isBusy} onClick={() => onOpenMove(visit)}>
            {t('board.moveTo')}
            <span className="visually-hidden"> {name}</span>
          </button>
          <button type="button" className="mini-button danger" disabled={isBusy} onClick={() => onRemove(visit)}>
            {t('board.remove')}
            <span className="visually-hidden"> {name}</span>
          </button>
        </span>
      ) : null}
    </div>
  );
}
