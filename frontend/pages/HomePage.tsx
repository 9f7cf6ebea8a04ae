import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DepotDto, MunicipalityDto, RegionDto } from '../../shared/api/regions';
import type { SchoolDto } from '../../shared/api/schools';
import type { RegionId } from '../../shared/types/regions';
import { listAllSchools, listDepots, listMunicipalities, listRegions } from '../api';
import { useSession } from '../components/accounts/SessionProvider';
import { Legend } from '../components/Legend';
import { LoadError } from '../components/LoadError';
import { SchoolDetails } from '../components/SchoolDetails';
import { SchoolFilters } from '../components/SchoolFilters';
import { SchoolList } from '../components/SchoolList';
import { SidePanel } from '../components/SidePanel';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { useResource } from '../hooks/useResource';
import { useUrlFilter } from '../hooks/useUrlFilter';
import { useI18n } from '../i18n/I18nProvider';
import { geometryBounds, markerBounds, toSchoolMarkers, type LatLngBounds } from '../map/geo';
import { DepotLayer } from '../map/layers/DepotLayer';
import { MunicipalitiesLayer } from '../map/layers/MunicipalitiesLayer';
import { RegionsLayer } from '../map/layers/RegionsLayer';
import { SchoolsLayer } from '../map/layers/SchoolsLayer';
import { MapOverlay, MapShell } from '../map/MapShell';
import { canOpen } from '../model/pageAccess';
import { filterSchools, municipalityOptions, type SchoolFilter } from '../model/schoolFilter';

/** Date of the DUO address file the seed schools come from (see seed/SOURCES.md). */
const DUO_DATA_DATE = '2024-11-22';
const NO_SCHOOLS: SchoolDto[] = [];
const NO_REGIONS: RegionDto[] = [];
const NO_MUNICIPALITIES: MunicipalityDto[] = [];
const NO_DEPOTS: DepotDto[] = [];
// Keeps the open legend (bottom right, about 250 px wide) from covering schools on a wide screen.
const LEGEND_PADDING: [number, number] = [270, 30];
const PHONE_PADDING: [number, number] = [24, 56]; // the folded legend and attribution sit at the bottom

/**
 * Where the map should look: the shown schools once a region or municipality is chosen (a region's polygon
 * also covers empty port land), else all regions.
 */
function focusFor(
  regions: readonly RegionDto[],
  filter: SchoolFilter,
  shown: readonly SchoolDto[],
): LatLngBounds | null {
  if (filter.region || filter.municipality) {
    const region = regions.find((r) => r.id === filter.region);
    return markerBounds(toSchoolMarkers(shown)) ?? (region ? geometryBounds([region.geometry]) : null);
  }
  return geometryBounds(regions.map((r) => r.geometry));
}

/** The home screen: map of Rijnmond with regions, schools and depot, and a filterable school list. */
export function HomePage() {
  const { t, tp, formatDate } = useI18n();
  const schoolsRes = useResource(listAllSchools);
  const regionsRes = useResource(listRegions);
  const municipalitiesRes = useResource(listMunicipalities);
  const depotsRes = useResource(listDepots);
  const [filter, setFilter] = useUrlFilter();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const isPhone = useMediaQuery('(max-width: 700px)');
  const { user } = useSession();

  const schools = schoolsRes.data ?? NO_SCHOOLS;
  const regions = regionsRes.data ?? NO_REGIONS;
  const shown = useMemo(() => filterSchools(schools, filter), [schools, filter]);
  const municipalities = useMemo(() => municipalityOptions(schools, filter.region), [schools, filter.region]);
  const regionName = useCallback((id: RegionId) => regions.find((r) => r.id === id)?.name ?? id, [regions]);

  // A selection the filter hides would leave a popup for an invisible school.
  useEffect(() => {
    if (selectedId && !shown.some((s) => s.id === selectedId)) setSelectedId(null);
  }, [shown, selectedId]);

  const onToggle = useCallback((id: string) => setSelectedId((cur) => (cur === id ? null : id)), []);
  const onSelect = useCallback((id: string) => setSelectedId(id), []);
  const onPopupClose = useCallback((id: string) => setSelectedId((cur) => (cur === id ? null : cur)), []);

  // Only the region and municipality move the map; typing a search does not.
  const focusKey = `${regions.length}|${schools.length > 0}|${filter.region ?? ''}|${filter.municipality ?? ''}`;
  const focusBounds = focusFor(regions, filter, shown);

  const failed = [schoolsRes, regionsRes, municipalitiesRes, depotsRes].filter((r) => r.status === 'error');
  const retry = () => failed.forEach((r) => r.reload());

  const count =
    schoolsRes.status === 'ready' ? (
      <p className="school-count" role="status">
        {tp('list.count', schools.length, { shown: shown.length, total: schools.length })}
      </p>
    ) : (
      <p className="school-count" role="status">
        {schoolsRes.status === 'loading' ? t('home.loading') : t('home.error')}
      </p>
    );
  const summary = (
    <>
      <div className="home-intro">
        <p>{t('home.intro')}</p>
        {canOpen(user ? user.role : 'anonymous', 'request') && (
          <a className="home-cta" href="/aanvragen">
            {t('nav.request')}
          </a>
        )}
      </div>
      {count}
    </>
  );

  return (
    <div className="home">
      <SidePanel summary={summary}>
        {failed.length > 0 && <LoadError error={failed[0]!.error} onRetry={retry} />}
        <SchoolFilters filter={filter} regions={regions} municipalities={municipalities} onChange={setFilter} />
        <SchoolList
          id="school-list"
          schools={shown}
          selectedId={selectedId}
          regionName={regionName}
          onToggle={onToggle}
        />
        <p className="data-source">{t('home.source', { date: formatDate(DUO_DATA_DATE) })}</p>
      </SidePanel>
      <div className="map-area">
        <MapShell
          id="map"
          focusBounds={focusBounds}
          focusKey={focusKey}
          padBottomRight={isPhone ? PHONE_PADDING : LEGEND_PADDING}
        >
          {/* Every overlay is there from the start (empty until its data arrives), so the layers control keeps this order. */}
          <MapOverlay name={t('map.layer.municipalities')} checked>
            <MunicipalitiesLayer
              municipalities={municipalitiesRes.data ?? NO_MUNICIPALITIES}
              attribution={t('map.attribution.data')}
            />
          </MapOverlay>
          <MapOverlay name={t('map.layer.regions')} checked>
            <RegionsLayer
              regions={regions}
              selectedRegion={filter.region}
              describe={(r) => `${r.name} – ${tp('legend.schools', r.counts.schools)}`}
            />
          </MapOverlay>
          <MapOverlay name={t('map.layer.schools')} checked>
            <SchoolsLayer
              schools={shown}
              selectedId={selectedId}
              onSelect={onSelect}
              onPopupClose={onPopupClose}
              renderPopup={(s) => <SchoolDetails school={s} regionName={regionName(s.region)} showName />}
            />
          </MapOverlay>
          <MapOverlay name={t('map.layer.depot')} checked>
            <DepotLayer depots={depotsRes.data ?? NO_DEPOTS} label={(d) => `${t('depot.heading')}: ${d.name}`} />
          </MapOverlay>
        </MapShell>
        {regions.length > 0 && <Legend key={isPhone ? 'phone' : 'wide'} regions={regions} defaultOpen={!isPhone} />}
      </div>
    </div>
  );
}
