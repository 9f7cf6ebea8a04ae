import { expect } from 'chai';
import request from 'supertest';
import type { Page } from '../../shared/api/common';
import type { SchoolDto, SchoolFeatureCollection } from '../../shared/api/schools';
import { startTestApp, type TestApp } from '../helpers/app';

describe('GET /api/schools', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });

  it('lists every seeded school with paging', async () => {
    const res = await request(t.app).get('/api/schools?pageSize=500').expect(200);
    const page = res.body as Page<SchoolDto>;
    expect(page.total).to.equal(199);
    expect(page.items).to.have.length(199);
    const second = await request(t.app).get('/api/schools?pageSize=50&page=2').expect(200);
    expect(second.body.items).to.have.length(50);
    expect(second.body.items[0].id).to.equal(page.items[50]!.id);
  });

  it('keeps the school without a known address, as "locatie onbekend", without inventing a location', async () => {
    const res = await request(t.app).get('/api/schools/sto-melanchthon-mathenesse').expect(200);
    expect(res.body.location).to.equal(null);
    expect(res.body.locationNote).to.match(/locatie onbekend/);
    expect(res.body.region).to.equal('rotterdam-noord');
    expect(res.body.stoProgramme).to.equal(true);
  });

  it('filters by region, municipality, type and text', async () => {
    const zuid = (await request(t.app).get('/api/schools?region=rotterdam-zuid&pageSize=500').expect(200))
      .body as Page<SchoolDto>;
    expect(zuid.total).to.be.greaterThan(10).and.lessThan(199);
    expect(zuid.items.every((s) => s.region === 'rotterdam-zuid')).to.equal(true);

    const schiedam = (await request(t.app).get('/api/schools?municipality=Schiedam&pageSize=500').expect(200))
      .body as Page<SchoolDto>;
    expect(schiedam.total).to.equal(9);

    const vmbo = (await request(t.app).get('/api/schools?type=vmbo&pageSize=500').expect(200)).body as Page<SchoolDto>;
    expect(vmbo.total).to.equal(110); // 109 DUO vmbo locations + Melanchthon Mathenesse
    expect(vmbo.items.every((s) => s.offersVmbo)).to.equal(true);

    const q = (await request(t.app).get('/api/schools?q=grafisch').expect(200)).body as Page<SchoolDto>;
    expect(q.items.map((s) => s.id)).to.include('23ja01');
  });

  it('treats regex characters in the search text as plain text', async () => {
    const res = await request(t.app).get('/api/schools?q=.*').expect(200);
    expect(res.body.total).to.equal(0);
  });

  it('serves GeoJSON with the located schools as points', async () => {
    const res = await request(t.app).get('/api/schools?format=geojson&pageSize=500').expect(200);
    expect(res.headers['content-type']).to.match(/application\/geo\+json/);
    const fc = res.body as SchoolFeatureCollection;
    expect(fc.type).to.equal('FeatureCollection');
    expect(fc.features).to.have.length(198);
    expect(fc.withoutLocation).to.equal(1);
    const [lng, lat] = fc.features[0]!.geometry.coordinates;
    expect(lng).to.be.within(3.8, 4.8);
    expect(lat).to.be.within(51.6, 52.1);
  });

  it('rejects unknown, repeated and operator-shaped query parameters with 400', async () => {
    for (const qs of [
      'regio=x',
      'region=atlantis',
      'pageSize=0',
      'pageSize=501',
      'page=-1',
      'region=a&region=b',
      'region[$gt]=',
      'q[$regex]=.*',
    ]) {
      const res = await request(t.app).get(`/api/schools?${qs}`).expect(400);
      expect(res.body.error.code, qs).to.equal('validation_failed');
      expect(res.body.error.message, qs)
        .to.be.a('string')
        .and.not.match(/at .*\.ts/);
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await request(t.app).get('/api/schools/99zz99').expect(404);
    expect(missing.body.error.code).to.equal('not_found');
    const bad = await request(t.app).get('/api/schools/%24where').expect(400);
    expect(bad.body.error.code).to.equal('invalid_id');
  });
});
