import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs` (default 30 s): for texts that change as time passes ("geen positie sinds"). */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
