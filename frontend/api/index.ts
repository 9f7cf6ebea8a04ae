export { ApiError, buildUrl, type ClientErrorCode } from './http';
export { getSchool, listAllSchools, listSchools, listSchoolsGeoJson, MAX_PAGE_SIZE } from './schools';
export { listDepots, listMunicipalities, listRegions } from './geography';
export { listCalendar } from './calendar';
export { getHealth } from './health';
