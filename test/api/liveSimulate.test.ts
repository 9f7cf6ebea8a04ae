import { expect } from 'chai';
import type { LiveHistory, LiveMessage } from '../../shared/api/live';
import { runSimulation } from '../../backend/cli/simulate';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';
import { fetchLogin, openSse, publishLiveDay } from '../helpers/live';

describe('live simulator (npm run simulate)', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });

  it('drives a published day through the crew API: positions along the legs, events at every stop, one delay, back at the depot', async () => {
    const date = '2027-11-10';
    const { requestIds } = await publishLiveDay('live-sim', date);
    const crew = await createTestUser('crew');
    const viewer = await fetchLogin(t.baseUrl, 'coordinator');
    const stream = await openSse(`${t.baseUrl}/api/live/live-sim/${date}/stream`, viewer);
    try {
      const lines: string[] = [];
      const report = await runSimulation({
        truck: 'live-sim',
        date,
        speed: 6000,
        seed: 3,
        baseUrl: t.baseUrl,
        email: crew.email,
        password: crew.password,
        log: (l) => lines.push(l),
      });
      expect(report.events).to.equal(2 + 3 * requestIds.length + 1);
      expect(report.positions).to.be.greaterThan(20);
      const history = (await (
        await fetch(`${t.baseUrl}/api/live/live-sim/${date}/history`, { headers: { cookie: viewer.cookie } })
      ).json()) as LiveHistory;
      expect(history.events.map((e) => e.kind).filter((k) => k === 'delayed')).to.have.length(1);
      expect(history.events[0]!.kind).to.equal('departed');
      expect(history.events.at(-1)!.kind).to.equal('returned');
      expect(history.positions).to.have.length(report.positions);
      expect(history.snapshot.stops.map((s) => s.state)).to.deep.equal(requestIds.map(() => 'done'));
      expect(history.snapshot.offRoute).to.equal(false);
      // The viewer saw the truck move and the stops change on the stream.
      await stream.waitFor<LiveMessage>((m) => m.type === 'stops' && m.stops.every((s) => s.state === 'done'), 10_000);
      expect((stream.messages as LiveMessage[]).filter((m) => m.type === 'position').length).to.be.greaterThan(20);
      expect(lines.join('\n')).to.match(/klaar/);
    } finally {
      stream.close();
    }
  });
});
