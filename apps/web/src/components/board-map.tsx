import type { Board } from '@dampingan/contracts';
import type { FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { BoundaryCollection } from '../api/endpoints.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Row = Board['rows'][number];
type Props = { code: string; name: string };

export const MAP_COLORS = { paired: '#1f7a5a', unpaired: '#e8a23a', selected: '#0b3d91' } as const;

/**
 * The pairing board as a map. There is no internet on the city's servers, so there is no tile
 * layer: only the kelurahan polygons, coloured paired vs unpaired, on a plain background.
 */
export function BoardMap({
  boundaries,
  rows,
  selected,
  onSelect,
}: {
  boundaries: BoundaryCollection;
  rows: readonly Row[];
  selected: string | null;
  onSelect: (villageCode: string) => void;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.GeoJSON<Props> | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  // Create the map once per boundary set.
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false, minZoom: 10, maxZoom: 17 });
    // The API validated the collection's outer shape; geometry is plain GeoJSON from the boundary import.
    const data = boundaries as unknown as FeatureCollection<Geometry, Props>;
    const gj = L.geoJSON<Props>(data, {
      onEachFeature: (feature, lyr) => {
        lyr.on('click', () => onSelectRef.current(feature.properties.code));
      },
    }).addTo(m);
    const bounds = gj.getBounds();
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [12, 12] });
    else m.setView([-6.89, 109.67], 12);
    map.current = m;
    layer.current = gj;
    // Leaflet measures its container once; re-measure when the layout settles (e.g. the phone menu).
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, [boundaries]);

  // Recolour and re-label when the board or the language changes, without rebuilding the map.
  useEffect(() => {
    const gj = layer.current;
    if (!gj) return;
    const byCode = new Map(rows.map((r) => [r.villageCode, r]));
    gj.eachLayer((lyr) => {
      const path = lyr as L.Path & { feature?: { properties: Props } };
      const props = path.feature?.properties;
      if (!props) return;
      const row = byCode.get(props.code);
      const paired = !!row?.pairing;
      const isSelected = selected === props.code;
      path.setStyle({
        color: isSelected ? MAP_COLORS.selected : '#ffffff',
        weight: isSelected ? 3 : 1.2,
        fillColor: paired ? MAP_COLORS.paired : MAP_COLORS.unpaired,
        fillOpacity: row ? (paired ? 0.72 : 0.6) : 0.15,
      });
      if (isSelected) path.bringToFront();
      const tip = document.createElement('div');
      const title = document.createElement('strong');
      title.textContent = `${t('common.kelurahan')} ${row?.villageName ?? props.name}`;
      const detail = document.createElement('div');
      detail.textContent = row?.pairing ? (row.pairing.opdAbbreviation ?? row.pairing.opdName) : t('board.unpaired');
      tip.append(title, detail);
      path.unbindTooltip();
      path.bindTooltip(tip, { sticky: true, direction: 'top' });
    });
  }, [rows, selected, t]);

  return (
    <figure className="board-map">
      <section ref={el} className="map-canvas" aria-label={t('board.mapLabel')} />
      <figcaption className="map-legend">
        <span className="legend-item">
          <span className="swatch" style={{ background: MAP_COLORS.paired }} aria-hidden="true" />
          {t('board.legendPaired')}
        </span>
        <span className="legend-item">
          <span className="swatch" style={{ background: MAP_COLORS.unpaired }} aria-hidden="true" />
          {t('board.legendUnpaired')}
        </span>
        <span className="legend-note">{t('board.mapNote')}</span>
      </figcaption>
    </figure>
  );
}
