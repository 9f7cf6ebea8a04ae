import type { CircleMarker as LeafletCircleMarker } from 'leaflet';
import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { CircleMarker, FeatureGroup, Popup, Tooltip } from 'react-leaflet';
import type { SchoolDto } from '../../../shared/api/schools';
import { toSchoolMarkers, type SchoolMarker } from '../geo';

export interface SchoolsLayerProps {
  /** The schools to draw (already filtered); those without a location are skipped. */
  schools: readonly SchoolDto[];
  selectedId: string | null;
  onSelect(id: string): void;
  /** Called when the popup of school `id` closes (its close button, Escape or a click on the map). */
  onPopupClose(id: string): void;
  renderPopup(school: SchoolDto): ReactNode;
}

/** School locations as circle markers coloured by region, with a popup for the selected school. */
export function SchoolsLayer({ schools, selectedId, onSelect, onPopupClose, renderPopup }: SchoolsLayerProps) {
  const markers = useMemo(() => toSchoolMarkers(schools), [schools]);
  const selected = useMemo(() => {
    const marker = markers.find((m) => m.id === selectedId);
    const school = schools.find((s) => s.id === selectedId);
    return marker && school ? { marker, school } : null;
  }, [markers, schools, selectedId]);

  // The popup stays outside the group: inside it, react-leaflet would bind it to the group instead of opening it.
  return (
    <>
      <FeatureGroup>
        {markers.map((m) => (
          <SchoolPoint key={m.id} marker={m} isSelected={m.id === selectedId} onSelect={onSelect} />
        ))}
      </FeatureGroup>
      {selected && (
        <SchoolPopup key={selected.marker.id} marker={selected.marker} onClose={onPopupClose}>
          {renderPopup(selected.school)}
        </SchoolPopup>
      )}
    </>
  );
}

const SchoolPoint = memo(function SchoolPoint({
  marker,
  isSelected,
  onSelect,
}: {
  marker: SchoolMarker;
  isSelected: boolean;
  onSelect(id: string): void;
}) {
  const ref = useRef<LeafletCircleMarker>(null);
  useEffect(() => {
    if (isSelected) ref.current?.bringToFront();
  }, [isSelected]);
  const pathOptions = useMemo(
    () =>
      isSelected
        ? { color: '#111111', weight: 3, fillColor: marker.color, fillOpacity: 1 }
        : { color: '#ffffff', weight: 1.5, fillColor: marker.color, fillOpacity: 0.95 },
    [isSelected, marker.color],
  );
  const eventHandlers = useMemo(() => ({ click: () => onSelect(marker.id) }), [onSelect, marker.id]);
  return (
    <CircleMarker
      ref={ref}
      center={marker.position}
      radius={isSelected ? 10 : 7}
      pane="schools"
      className={`school-marker region-${marker.region}`}
      pathOptions={pathOptions}
      eventHandlers={eventHandlers}
      bubblingMouseEvents={false}
    >
      <Tooltip direction="top" offset={[0, -6]}>
        {marker.name}
      </Tooltip>
    </CircleMarker>
  );
});

/**
 * A popup opened on the map (not bound to a marker), so selecting a school in the list opens it too.
 * Leaflet pans the map to show it.
 */
function SchoolPopup({
  marker,
  onClose,
  children,
}: {
  marker: SchoolMarker;
  onClose(id: string): void;
  children: ReactNode;
}) {
  const eventHandlers = useMemo(() => ({ remove: () => onClose(marker.id) }), [onClose, marker.id]);
  return (
    <Popup
      position={marker.position}
      eventHandlers={eventHandlers}
      offset={[0, -6]}
      maxWidth={300}
      autoPanPadding={[24, 24]}
    >
      {children}
    </Popup>
  );
}
