import type { Messages } from './nl';
import { accountsEn } from './accounts.en';
import { alternativesEn } from './alternatives.en';
import { planningEn } from './planning.en';
import { liveEn } from './live.en';
import { planNamesEn } from './planNames.en';
import { schoolContactEn } from './schoolContact.en';
import { lifecycleEn } from './lifecycle.en';

/** English texts. */
export const en: Messages = {
  'app.title': 'Techniekwagen',
  'app.subtitle': 'Grafisch Lyceum Rotterdam · Strong Technical Education Rijnmond',
  'app.skipToContent': 'Skip to content',
  'app.skipToList': 'Skip to the school list',
  'app.skipToMap': 'Skip to the map',
  'app.skipLinks': 'Skip links',
  'app.loadingPage': 'Loading page…',
  'lang.label': 'Language',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'home.heading': 'Schools in Rijnmond',
  'home.intro':
    'The Grafisch Lyceum Rotterdam’s technology truck (the techniekwagen) visits the schools of Rijnmond with programming, VR, 3D printing and more, mainly for vmbo pupils. Schools request a visit here.',
  'home.loading': 'Loading map and schools…',
  'home.error': 'The data could not be loaded.',
  'home.retry': 'Try again',
  'home.source': 'Source: DUO school locations ({date}), CBS/PDOK boundaries.',

  'map.label': 'Map of Rijnmond with the STO regions, schools and the depot',
  'map.layer.osm': 'OpenStreetMap background (online)',
  'map.layer.municipalities': 'Municipal boundaries',
  'map.layer.regions': 'STO regions',
  'map.layer.schools': 'Schools',
  'map.layer.depot': 'Depot',
  'map.attribution.data': 'Data: DUO, CBS/PDOK',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.layers': 'Map layers',
  'map.closePopup': 'Close',

  'panel.heading': 'Search and filter',
  'panel.show': 'Show list',
  'panel.hide': 'Hide list',

  'filters.region': 'Region',
  'filters.allRegions': 'All regions',
  'filters.municipality': 'Municipality',
  'filters.allMunicipalities': 'All municipalities',
  'filters.type': 'Type of school',
  'filters.allTypes': 'All types',
  'filters.type.vmbo': 'Offers vmbo',
  'filters.type.vo': 'Secondary education (vo)',
  'filters.type.vso': 'Special secondary education (vso)',
  'filters.search': 'Search for a school',
  'filters.searchHint': 'Name, town, street, postcode or BRIN',
  'filters.reset': 'Clear filters',

  'list.heading': 'Schools',
  'list.count_one': '{shown} of {total} school',
  'list.count_other': '{shown} of {total} schools',
  'list.empty': 'No schools match these filters.',
  'list.locationUnknown': 'location unknown',

  'school.address': 'Address',
  'school.type': 'Type',
  'school.pupils': 'Pupils',
  'school.unknown': 'unknown',
  'school.region': 'Region',
  'school.website': 'Website',
  'school.vmbo': 'offers vmbo',
  'school.sto': 'STO school',
  'school.level.vo': 'vo',
  'school.level.vso': 'vso',
  'school.showOnMap': 'Show on map',

  'legend.heading': 'Legend',
  'legend.regions': 'STO regions',
  'legend.schools_one': '{count} school',
  'legend.schools_other': '{count} schools',
  'legend.school': 'School (colour of its region)',
  'legend.selected': 'Selected school',
  'legend.depot': 'Techniekwagen depot',

  'depot.heading': 'Depot',

  'notFound.heading': 'Page not found',
  'notFound.text': 'This page does not exist.',
  'notFound.back': 'Back to the map',
  ...accountsEn,
  ...planningEn,
  ...liveEn,
  ...schoolContactEn,
  ...planNamesEn,
  ...lifecycleEn,
  ...alternativesEn,
};
