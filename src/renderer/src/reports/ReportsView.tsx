import type { ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { ExportPanel } from './ExportPanel.tsx';

/** Supervisors' reports (F8): the desk's data taken out, for the period and filters chosen. */
export function ReportsView(): ReactElement {
  const { t } = useT();
  return (
    <div className="settings">
      <h1 className="sr-only">{t('nav.reports')}</h1>
      <ExportPanel />
    </div>
  );
}
