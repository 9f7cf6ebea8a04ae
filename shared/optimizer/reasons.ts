import { formatHhmm, fromDayNumber, toDayNumber } from '../domain/time';
import type { Problem, RequestInfo } from './input';
import type { Solution } from './solution';
import type { ReasonCode, UnassignedReason } from './types';

const MONTHS_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateNl(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS_NL[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}
function dateEn(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS_EN[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}
function daysNl(n: number): string {
  return n === 1 ? '1 dag' : `${n} dagen`;
}
function daysEn(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function reason(
  request: string,
  code: ReasonCode,
  params: Record<string, string | number>,
  nl: string,
  en: string,
): UnassignedReason {
  return { request, code, params, nl, en };
}

/** Returns, in instance order, why each unassigned request of the solution is unassigned, derived from its data and the plan. */
export function explainUnassigned(p: Problem, s: Solution): UnassignedReason[] {
  const out: UnassignedReason[] = [];
  for (const r of p.requests) if (s.dayOf[r.index]! < 0) out.push(explainOne(p, s, r));
  return out;
}

function explainOne(p: Problem, s: Solution, r: RequestInfo): UnassignedReason {
  const id = r.id;
  if (r.isCancelled) return reason(id, 'cancelled', {}, 'de aanvraag is geannuleerd', 'the request was cancelled');
  const raw = p.instance.requests[r.index]!;
  const { horizon } = p.instance;
  const from = toDayNumber(horizon.from);
  const to = toDayNumber(horizon.to);
  const inHorizon = new Set<number>();
  for (const w of raw.windows) {
    for (let dn = Math.max(from, toDayNumber(w.from)), end = Math.min(to, toDayNumber(w.to)); dn <= end; dn++)
      inHorizon.add(dn);
  }
  if (inHorizon.size === 0) {
    return reason(
      id,
      'no_window_in_horizon',
      { horizonFrom: horizon.from, horizonTo: horizon.to },
      `de gevraagde weken vallen buiten de planperiode (${dateNl(horizon.from)} t/m ${dateNl(horizon.to)})`,
      `the requested weeks fall outside the planning period (${dateEn(horizon.from)} to ${dateEn(horizon.to)})`,
    );
  }
  const closed = new Set(p.instance.closedDates.map(toDayNumber));
  const excluded = new Set(raw.excludedDates.map(toDayNumber));
  let closedCount = 0;
  let excludedCount = 0;
  const open: number[] = [];
  for (const dn of [...inHorizon].sort((a, b) => a - b)) {
    if (closed.has(dn)) closedCount++;
    else if (excluded.has(dn)) excludedCount++;
    else open.push(dn);
  }
  if (open.length === 0) {
    if (excludedCount === 0) {
      return reason(
        id,
        'all_days_closed',
        { closed: closedCount, excluded: 0 },
        `alle ${daysNl(closedCount)} in de gevraagde weken vallen in de schoolvakantie of op een feestdag`,
        `all ${daysEn(closedCount)} in the requested weeks fall in the school holidays or on a public holiday`,
      );
    }
    if (closedCount === 0) {
      return reason(
        id,
        'all_days_excluded',
        { closed: 0, excluded: excludedCount },
        `de school heeft alle ${daysNl(excludedCount)} in de gevraagde weken zelf uitgesloten`,
        `the school itself excluded all ${daysEn(excludedCount)} in the requested weeks`,
      );
    }
    return reason(
      id,
      'all_days_closed',
      { closed: closedCount, excluded: excludedCount },
      `van de dagen in de gevraagde weken vallen er ${closedCount} in de vakantie of op een feestdag en heeft de school de andere ${excludedCount} uitgesloten`,
      `of the days in the requested weeks, ${closedCount} fall in the holidays or on a public holiday and the school excluded the other ${excludedCount}`,
    );
  }
  const openSet = new Set(open);
  const truckDays = p.days.filter((d) => openSet.has(d.dayNumber));
  if (truckDays.length === 0) {
    return reason(
      id,
      'no_truck_on_days',
      { openDays: open.length, first: fromDayNumber(open[0]!), last: fromDayNumber(open[open.length - 1]!) },
      `op de ${daysNl(open.length)} die overblijven in de gevraagde weken rijdt geen wagen (weekend of wagen niet beschikbaar)`,
      `no truck works on the ${daysEn(open.length)} left in the requested weeks (weekend or truck unavailable)`,
    );
  }
  if (r.candidateDays.length === 0) return explainTiming(p, r, truckDays[0]!);

  let full = 0;
  for (const d of r.candidateDays) if (s.routes[d]!.length >= p.days[d]!.maxVisits) full++;
  const n = r.candidateDays.length;
  const first = p.days[r.candidateDays[0]!]!.date;
  const last = p.days[r.candidateDays[n - 1]!]!.date;
  const maxVisits = p.days[r.candidateDays[0]!]!.maxVisits;
  if (full === n) {
    return reason(
      id,
      'days_full',
      { days: n, first, last, maxVisitsPerDay: maxVisits },
      `de ${n === 1 ? 'enige mogelijke wagendag' : `${n} mogelijke wagendagen`} in de gevraagde weken (${dateNl(first)} t/m ${dateNl(last)}) ${n === 1 ? 'is' : 'zijn'} vol (max. ${maxVisits} bezoeken per dag); aanvragen met meer voorrang, minder uitwijkdagen of uit regio's onder hun eerlijke deel gingen voor`,
      `the ${n === 1 ? 'only possible truck-day' : `${n} possible truck-days`} in the requested weeks (${dateEn(first)} to ${dateEn(last)}) ${n === 1 ? 'is' : 'are'} full (at most ${maxVisits} visits a day); requests with higher priority, fewer alternative days or from regions below their fair share went first`,
    );
  }
  const withRoom = n - full;
  return reason(
    id,
    'no_room_in_days',
    { days: n, withRoom, full, first, last },
    `op de ${withRoom === 1 ? 'enige wagendag' : `${withRoom} wagendagen`} met nog plek past het bezoek niet in de tijd naast de andere bezoeken van die dag (sessie, opbouw en reistijd), en de andere ${full} mogelijke dagen zijn vol`,
    `on the ${withRoom === 1 ? 'only truck-day' : `${withRoom} truck-days`} with room left the visit does not fit in time beside that day's other visits (session, setup and travel), and the other ${full} possible days are full`,
  );
}

function explainTiming(p: Problem, r: RequestInfo, day: Problem['days'][number]): UnassignedReason {
  const es = formatHhmm(r.earliestStart);
  const le = formatHhmm(r.latestEnd);
  const shiftStart = formatHhmm(day.shiftStart);
  const shiftEnd = formatHhmm(day.shiftEnd);
  if (r.earliestStart + r.session > r.latestEnd) {
    return reason(
      r.id,
      'session_exceeds_window',
      { sessionMinutes: r.session, earliestStart: es, latestEnd: le },
      `de sessie van ${r.session} min past niet tussen ${es} en ${le}`,
      `the ${r.session}-minute session does not fit between ${es} and ${le}`,
    );
  }
  if (Math.max(day.shiftStart + r.setup, r.earliestStart) + r.session > r.latestEnd) {
    return reason(
      r.id,
      'session_exceeds_window',
      { sessionMinutes: r.session, setupMinutes: r.setup, shiftStart, latestEnd: le },
      `sessie plus opbouw (${r.session} + ${r.setup} min) past niet tussen het begin van de dienst (${shiftStart}) en ${le}`,
      `session plus setup (${r.session} + ${r.setup} min) does not fit between the start of the shift (${shiftStart}) and ${le}`,
    );
  }
  if (Math.max(day.shiftStart + r.setup, r.earliestStart) + r.session + r.teardown > day.shiftEnd) {
    return reason(
      r.id,
      'session_exceeds_window',
      { sessionMinutes: r.session, setupMinutes: r.setup, teardownMinutes: r.teardown, shiftStart, shiftEnd },
      `opbouw, sessie en afbouw (${r.setup} + ${r.session} + ${r.teardown} min) passen niet in de dienst van ${shiftStart} tot ${shiftEnd}`,
      `setup, session and teardown (${r.setup} + ${r.session} + ${r.teardown} min) do not fit in the ${shiftStart}–${shiftEnd} shift`,
    );
  }
  const there = p.travelMin[day.depotLoc * p.locCount + r.loc]!;
  const back = p.travelMin[r.loc * p.locCount + day.depotLoc]!;
  return reason(
    r.id,
    'out_of_reach',
    { travelThereMinutes: there, travelBackMinutes: back, shiftStart, shiftEnd, earliestStart: es, latestEnd: le },
    `de school is buiten bereik binnen de diensttijd: ${there} min heen en ${back} min terug rijden past niet met opbouw, sessie en afbouw tussen ${shiftStart} en ${shiftEnd} (sessie tussen ${es} en ${le})`,
    `the school is out of reach within the shift: driving ${there} min there and ${back} min back does not fit with setup, session and teardown between ${shiftStart} and ${shiftEnd} (session between ${es} and ${le})`,
  );
}
