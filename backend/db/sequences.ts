import { Counter } from '../models/Counter';
import { claim, isDuplicateKey } from './claims';

/** The claim name of number `n` of a sequence (the same names earlier versions claimed one number at a time). */
export const sequenceClaimName = (name: string, n: number) => `seq:${name}#${String(n).padStart(8, '0')}`;

export interface SequenceBlockOptions {
  /** Size of the first block, and of a block after a quiet spell. */
  minBlock?: number;
  /** Largest block; a block is doubled while the previous one was used up within `fastMs`. */
  maxBlock?: number;
  fastMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

interface SequenceState {
  free: number[];
  claiming: Promise<void> | null;
  /** Highest number this allocator has looked at (claimed or lost): the next block starts above it. */
  highest: number;
  blockSize: number;
  blockClaimedAt: number;
}

/**
 * Numbers of named sequences (e.g. request references per year), handed out from blocks that this
 * process claims once, instead of one claim (a write) per number.
 *
 * A block is claimed in one unordered insertMany of the claims `seq:<name>#<n>` of its numbers (one
 * claim per number, so blocks of other instances, and numbers claimed one at a time by earlier versions
 * of this code, can never overlap with it: every number still has exactly one owner). Numbers lost to another instance
 * are skipped. Numbers are unique and increase within one process; across instances they interleave.
 * A number left unused when the process stops is never handed out (a gap in the references); the
 * block size starts small and only grows while numbers are being used up fast, to keep such gaps small.
 * The next block is claimed while a quarter of the current one is left, so a request rarely waits for it.
 */
export function createSequenceAllocator(options: SequenceBlockOptions = {}) {
  const minBlock = options.minBlock ?? 4;
  const maxBlock = options.maxBlock ?? 64;
  const fastMs = options.fastMs ?? 2000;
  const now = options.now ?? Date.now;
  const states = new Map<string, SequenceState>();

  async function claimBlock(name: string, state: SequenceState): Promise<void> {
    const hint = (await Counter.findById(name).lean<{ value: number }>())?.value ?? 0;
    // Double the block while the last one went fast (a burst of submissions); otherwise start small again.
    state.blockSize =
      state.blockClaimedAt > 0 && now() - state.blockClaimedAt < fastMs
        ? Math.min(maxBlock, state.blockSize * 2)
        : minBlock;
    let start = Math.max(hint, state.highest) + 1;
    for (;;) {
      const numbers = Array.from({ length: state.blockSize }, (_, i) => start + i);
      // Claimed in the same tick, the claims leave as one insertMany (see db/batchedInsert.ts).
      const won = await Promise.all(numbers.map((n) => claim(sequenceClaimName(name, n))));
      state.highest = numbers.at(-1)!;
      const mine = numbers.filter((_, i) => won[i]);
      if (mine.length > 0) {
        state.free.push(...mine);
        state.blockClaimedAt = now();
        try {
          // Only a hint of where to start looking; $max so it never goes back.
          await Counter.updateOne({ _id: name }, { $max: { value: state.highest } }, { upsert: true });
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // a concurrent first upsert won; its value is a fine hint too
        }
        return;
      }
      start = state.highest + 1; // all taken (another instance, or the old one-at-a-time claims): look further on
    }
  }

  return {
    /** The next number of sequence `name`, starting at 1; never the same number twice, across processes too. */
    async next(name: string): Promise<number> {
      const state = states.get(name) ?? { free: [], claiming: null, highest: 0, blockSize: 0, blockClaimedAt: 0 };
      states.set(name, state);
      const claimNext = () => {
        // One block claim at a time per sequence; everyone waiting shares it.
        if (!state.claiming) {
          const claiming = claimBlock(name, state).finally(() => {
            state.claiming = null;
          });
          claiming.catch(() => undefined); // a claim started ahead of need fails quietly; the next caller tries again
          state.claiming = claiming;
        }
        return state.claiming;
      };
      for (;;) {
        const n = state.free.shift();
        if (n !== undefined) {
          // The next block is claimed ahead, while a quarter of this one is left, so nobody waits for it.
          if (state.free.length <= Math.floor(state.blockSize / 4)) void claimNext();
          return n;
        }
        await claimNext();
      }
    },
  };
}

/** The process's allocator, used for request references. */
export const sequences = createSequenceAllocator();
