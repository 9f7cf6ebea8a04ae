import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface SidePanelProps {
  /** Always visible, also when the panel is folded on a phone (e.g. the result count). */
  summary: ReactNode;
  children: ReactNode;
}

/**
 * The filters and list. Beside the map on a wide screen; on a phone a bottom sheet under the map
 * that can be folded to give the map the whole screen (the toggle only shows there, see styles.css).
 */
export function SidePanel({ summary, children }: SidePanelProps) {
  const { t } = useI18n();
  const [isOpen, setOpen] = useState(true);
  return (
    <section className={`side-panel ${isOpen ? 'is-open' : 'is-folded'}`} aria-labelledby="side-panel-heading">
      <div className="side-panel-bar">
        <h1 id="side-panel-heading" className="side-panel-heading">
          {t('home.heading')}
        </h1>
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={isOpen}
          aria-controls="side-panel-body"
          onClick={() => setOpen((v) => !v)}
        >
          <span className="panel-toggle-icon" aria-hidden="true" />
          {isOpen ? t('panel.hide') : t('panel.show')}
        </button>
      </div>
      <div className="side-panel-summary">{summary}</div>
      <div className="side-panel-body" id="side-panel-body">
        {children}
      </div>
    </section>
  );
}
