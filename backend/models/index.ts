import { CalendarEntry } from './CalendarEntry';
import { Depot } from './Depot';
import { Municipality } from './Municipality';
import { Region } from './Region';
import { School } from './School';
import { Truck } from './Truck';

export { CalendarEntry, Depot, Municipality, Region, School, Truck };

/** Every model of the app, for index creation at start-up and for backup. */
export const ALL_MODELS = [School, Region, Municipality, Depot, Truck, CalendarEntry] as const;

/** Creates the indexes every query relies on (unique keys included); safe to run on every start. */
export async function ensureIndexes(): Promise<void> {
  for (const m of ALL_MODELS) await m.createIndexes();
}
