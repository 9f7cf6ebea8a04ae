import { trusted } from 'mongoose';
import { expect } from 'chai';
import type { PlanDto } from '../../shared/api/plans';
import { createRequestSchema, type RequestDto } from '../../shared/api/requests';
import { addDays, isoWeekday } from '../../shared/domain/time';
import { School } from '../../backend/models/School';
import { amsterdamToday, closedDates, isSchoolDay } from '../../backend/services/leadTime';
import { changeRequestStatus, createRequest, type Actor } from '../../backend/services/requests';
import { requestBody } from '../helpers/factories';
import { waitFor } from '../helpers/serverProcess';
import type { LoggedIn } from '../helpers/users';

/**
 * A two-week period (Monday to Friday a week later) at least `weeksAhead` weeks from today with at least 8 school
 * days, found in the seeded calendar: test dates follow the clock instead of going stale.
 */
export async function futurePeriod(weeksAhead: number): Promise<{ from: string; to: string }> {
  let monday = addDays(amsterdamToday(), 7 * weeksAhead);
  while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
  for (let i = 0; i < 30; i++, monday = addDays(monday, 7)) {
    const to = addDays(monday, 11);
    const closed = await closedDates(monday, to);
    let open = 0;
    for (let d = monday; d <= to; d = addDays(d, 1)) if (isSchoolDay(d, closed)) open += 1;
    if (open >= 8) return { from: monday, to };
  }
  throw new Error('no open two-week period in the calendar');
}

/** Seeded schools with a known location (so the planner can place them). */
export async function schoolsWithLocation(n: number, skip = 0): Promise<string[]> {
  const docs = await School.find({ location: trusted({ $ne: null }) }, '_id')
    .sort({ _id: 1 })
    .skip(skip)
    .limit(n)
    .lean<Array<{ _id: string }>>();
  expect(docs.length).to.equal(n);
  return docs.map((d) => d._id);
}

export const crewActor = (u: LoggedIn): Actor => ({
  kind: 'user',
  id: u.id,
  email: u.email,
  role: 'crew',
  schoolIds: [],
});

/** Accepted requests of these schools for the period (through the services, as the form and the inbox do); with their status-link tokens. */
export async function acceptedRequests(
  schoolIds: string[],
  period: { from: string; to: string },
  crew: LoggedIn,
  tag: string,
): Promise<Array<{ request: RequestDto; token: string }>> {
  const out: Array<{ request: RequestDto; token: string }> = [];
  for (const schoolId of schoolIds) {
    const input = createRequestSchema.parse(
      requestBody({
        schoolId,
        preferredWeeks: [{ ...period }],
        excludedDates: [],
        sessionLength: '2-hours',
        contact: { name: 'Contact', email: `${tag}-${schoolId}@school.example.nl` },
      }),
    );
    const { request, token } = await createRequest(input, { kind: 'anonymous' }, (t) => `http://localhost/status/${t}`);
    const accepted = await changeRequestStatus(
      request.id,
      { version: request.version, status: 'accepted' },
      crewActor(crew),
    );
    out.push({ request: accepted, token });
  }
  return out;
}

/** "Plan maken" for the period and waits for the plan. */
export async function makePlan(
  crew: LoggedIn,
  period: { from: string; to: string },
  truckIds = ['wagen-1'],
  timeLimitSeconds = 1,
): Promise<PlanDto> {
  const started = await crew.agent
    .post('/api/plans')
    .set('X-CSRF-Token', crew.csrf)
    .send({ ...period, truckIds, timeLimitSeconds, seed: 3 });
  expect(started.status, JSON.stringify(started.body)).to.equal(202);
  let last = started.body as PlanDto;
  await waitFor(
    async () => {
      last = (await crew.agent.get(`/api/plans/${last.id}`)).body as PlanDto;
      return last.status === 'done' || last.status === 'failed';
    },
    90_000,
    'the plan to finish',
  );
  expect(last.status, last.error ?? '').to.equal('done');
  return last;
}
