import { useCallback, useEffect, useState } from 'react';
import { filterFromSearch, filterToSearch, type SchoolFilter } from '../model/schoolFilter';

/**
 * The school filter, kept in the URL's query string (replaceState, so typing does not flood the history)
 * so a filtered view can be bookmarked or shared. Back/forward restore the filter of that entry.
 */
export function useUrlFilter(): [SchoolFilter, (filter: SchoolFilter) => void] {
  const [filter, setFilterState] = useState<SchoolFilter>(() => filterFromSearch(window.location.search));

  useEffect(() => {
    const onPopState = () => setFilterState(filterFromSearch(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const setFilter = useCallback((next: SchoolFilter) => {
    setFilterState(next);
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${filterToSearch(next)}${hash}`);
  }, []);

  return [filter, setFilter];
}
