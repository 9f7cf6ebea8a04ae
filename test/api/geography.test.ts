import { expect } from 'chai';
import request from 'supertest';
import type { CalendarEntryDto } from '../../shared/api/calendar';
import type { DepotDto, MunicipalityDto, RegionDto } from '../../shared/api/regions';
import { REGION_IDS } from '../../shared/types/regions';
import { startTestApp, type TestApp } from '../helpers/app';

describe('reference data API', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });

  it('GET /api/regions gives the seven STO regions with polygons, weights and counts', async () => {
    const regions = (await request(t.app).get('/api/regions').expect(200)).body as RegionDto[];
    expect(regions.map((r) => r.id)).to.deep.equal([...REGION_IDS]);
    for (const r of regions) {
      expect(r.geometry.type).to.be.oneOf(['Polygon', 'MultiPolygon']);
      expect(r.counts.schools).to.be.greaterThan(0);
      expect(r.weight).to.be.greaterThan(0);
    }
    expect(regions.reduce((n, r) => n + r.counts.schools, 0)).to.equal(199);
    expect(regions.reduce((n, r) => n + r.weight, 0)).to.equal(109);
  });

  it('GET /api/municipalities gives the 14 Rijnmond municipalities and 5 neighbours', async () => {
    const list = (await request(t.app).get('/api/municipalities').expect(200)).body as MunicipalityDto[];
    expect(list.filter((m) => m.group === 'rijnmond')).to.have.length(14);
    expect(list.filter((m) => m.group === 'neighbour')).to.have.length(5);
  });

  it('GET /api/depots gives the GLR depot at Heer Bokelweg', async () => {
    const [depot] = (await request(t.app).get('/api/depots').expect(200)).body as DepotDto[];
    expect(depot!.id).to.equal('glr');
    expect(depot!.address).to.match(/Heer Bokelweg 255/);
  });

  it('GET /api/calendar gives the holidays that overlap the period', async () => {
    const list = (await request(t.app).get('/api/calendar?from=2027-01-01&to=2027-03-01').expect(200))
      .body as CalendarEntryDto[];
    const names = list.map((e) => e.name);
    expect(names).to.include('Kerstvakantie 2026-2027'); // 19 Dec – 3 Jan overlaps 1 Jan
    expect(names).to.include('Voorjaarsvakantie 2026-2027');
    expect(names).to.include('Nieuwjaar');
    expect(list.every((e) => e.startDate <= '2027-03-01' && e.endDate >= '2027-01-01')).to.equal(true);
  });

  it('GET /api/calendar rejects a missing, malformed or reversed period', async () => {
    for (const qs of [
      '',
      'from=2027-01-01',
      'from=2027-13-01&to=2027-12-31',
      'from=2027-03-01&to=2027-01-01',
      'from=2020-01-01&to=2027-01-01',
    ]) {
      const res = await request(t.app).get(`/api/calendar?${qs}`).expect(400);
      expect(res.body.error.code, qs).to.equal('validation_failed');
    }
  });

  it('GET /api/health reports the embedded database as connected', async () => {
    const res = await request(t.app).get('/api/health').expect(200);
    expect(res.body.status).to.equal('ok');
    expect(res.body.database.state).to.equal('connected');
    expect(res.body.database.latencyMs).to.be.a('number');
  });

  it('answers unknown API paths with 404 in the error format, with a request id', async () => {
    const res = await request(t.app).get('/api/does-not-exist').expect(404);
    expect(res.body.error.code).to.equal('not_found');
    expect(res.headers['x-request-id']).to.be.a('string');
  });
});
