import type { ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { errorText } from '../ui/errors.ts';
import { CategoriesAdmin } from './CategoriesAdmin.tsx';
import { DirectoryContext, useDirectoryLoader } from './directory.ts';
import { PeopleAdmin } from './PeopleAdmin.tsx';
import { QueuesAdmin } from './QueuesAdmin.tsx';
import { TiersAdmin } from './TiersAdmin.tsx';
import { HubAdmin } from '../sync/HubAdmin.tsx';
import { BackupsAdmin } from '../backups/BackupsAdmin.tsx';
import { ImportCallers } from '../imports/ImportCallers.tsx';
import { SupportAdmin } from '../support/SupportAdmin.tsx';
import { UpdatesAdmin } from '../updates/UpdatesAdmin.tsx';

/**
 * The desk's admin (F10): its support centres, the categories routed to them, its people and
 * the escalation tiers, the hub, and this workstation's backups. Each is added here, edited and disabled in place (never deleted: tickets
 * and their history name them).
 */
export function DeskAdmin(): ReactElement {
  const tr = useT();
  const desk = useSession((s) => s.desk)!;
  const { directory, error, reload } = useDirectoryLoader();
  return (
    <DirectoryContext.Provider value={reload}>
      <div className="settings">
        {error ? (
          <p className="form-error" role="alert">
            {errorText(tr, error)}
          </p>
        ) : null}
        {directory ? (
          <>
            <QueuesAdmin queues={directory.queues} />
            <CategoriesAdmin categories={directory.categories} desk={desk} />
            <PeopleAdmin people={directory.people} desk={desk} />
            <TiersAdmin />
            <HubAdmin />
            <ImportCallers />
            <BackupsAdmin />
            <UpdatesAdmin />
            <SupportAdmin />
          </>
        ) : (
          <p className="splash">{tr.t('app.loading')}</p>
        )}
      </div>
    </DirectoryContext.Provider>
  );
}
