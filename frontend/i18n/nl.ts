import { accountsNl } from './accounts.nl';
import { alternativesNl } from './alternatives.nl';
import { liveNl } from './live.nl';
import { planningNl } from './planning.nl';
import { planNamesNl } from './planNames.nl';
import { schoolContactNl } from './schoolContact.nl';
import { lifecycleNl } from './lifecycle.nl';

/** Dutch texts, the default language. The keys of this object define every message key. */
export const nl = {
  'app.title': 'Techniekwagen',
  'app.subtitle': 'Grafisch Lyceum Rotterdam · Sterk Techniekonderwijs Rijnmond',
  'app.skipToContent': 'Naar de inhoud',
  'app.skipToList': 'Direct naar de schoollijst',
  'app.skipToMap': 'Direct naar de kaart',
  'app.skipLinks': 'Snelkoppelingen',
  'app.loadingPage': 'Pagina laden…',
  'lang.label': 'Taal',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'home.heading': 'Scholen in Rijnmond',
  'home.intro':
    'De techniekwagen van het Grafisch Lyceum Rotterdam rijdt langs de scholen van Rijnmond met programmeren, VR, 3D-printen en meer, vooral voor vmbo-leerlingen. Scholen vragen hier een bezoek aan.',
  'home.loading': 'Kaart en scholen laden…',
  'home.error': 'De gegevens konden niet worden geladen.',
  'home.retry': 'Opnieuw proberen',
  'home.source': 'Bron: DUO-vestigingen ({date}), CBS/PDOK-gebiedsindelingen.',

  'map.label': 'Kaart van Rijnmond met de STO-regio’s, scholen en het depot',
  'map.layer.osm': 'OpenStreetMap-achtergrond (online)',
  'map.layer.municipalities': 'Gemeentegrenzen',
  'map.layer.regions': 'STO-regio’s',
  'map.layer.schools': 'Scholen',
  'map.layer.depot': 'Depot',
  'map.attribution.data': 'Gegevens: DUO, CBS/PDOK',
  'map.zoomIn': 'Inzoomen',
  'map.zoomOut': 'Uitzoomen',
  'map.layers': 'Kaartlagen',
  'map.closePopup': 'Sluiten',

  'panel.heading': 'Zoeken en filteren',
  'panel.show': 'Lijst tonen',
  'panel.hide': 'Lijst verbergen',

  'filters.region': 'Regio',
  'filters.allRegions': 'Alle regio’s',
  'filters.municipality': 'Gemeente',
  'filters.allMunicipalities': 'Alle gemeenten',
  'filters.type': 'Soort school',
  'filters.allTypes': 'Alle soorten',
  'filters.type.vmbo': 'Met vmbo',
  'filters.type.vo': 'Voortgezet onderwijs (vo)',
  'filters.type.vso': 'Voortgezet speciaal onderwijs (vso)',
  'filters.search': 'Zoek een school',
  'filters.searchHint': 'Naam, plaats, straat, postcode of BRIN',
  'filters.reset': 'Filters wissen',

  'list.heading': 'Scholen',
  'list.count_one': '{shown} van {total} school',
  'list.count_other': '{shown} van {total} scholen',
  'list.empty': 'Geen scholen gevonden met deze filters.',
  'list.locationUnknown': 'locatie onbekend',

  'school.address': 'Adres',
  'school.type': 'Soort',
  'school.pupils': 'Leerlingen',
  'school.unknown': 'onbekend',
  'school.region': 'Regio',
  'school.website': 'Website',
  'school.vmbo': 'biedt vmbo',
  'school.sto': 'STO-school',
  'school.level.vo': 'vo',
  'school.level.vso': 'vso',
  'school.showOnMap': 'Toon op de kaart',

  'legend.heading': 'Legenda',
  'legend.regions': 'STO-regio’s',
  'legend.schools_one': '{count} school',
  'legend.schools_other': '{count} scholen',
  'legend.school': 'School (kleur van de regio)',
  'legend.selected': 'Gekozen school',
  'legend.depot': 'Depot van de techniekwagen',

  'depot.heading': 'Depot',

  'notFound.heading': 'Pagina niet gevonden',
  'notFound.text': 'Deze pagina bestaat niet.',
  'notFound.back': 'Naar de kaart',
  ...accountsNl,
  ...planningNl,
  ...liveNl,
  ...schoolContactNl,
  ...planNamesNl,
  ...lifecycleNl,
  ...alternativesNl,
} as const;

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;
