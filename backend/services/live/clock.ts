// Amsterdam time lives in shared/domain/time.ts (one implementation for the server and the browser); these are
// the names the server's live code and its tests use.
export {
  TOUR_TIME_ZONE,
  amsterdamParts,
  minutesOnDate,
  amsterdamToday,
  amsterdamInstant as instantOf,
} from '../../../shared/domain/time';
