/**
 * `npm run restore -- --data DIR --from BACKUP`: a workstation's store restored from a backup,
 * with the desk stopped (see core/store/restore.ts). Prints where the replaced store was kept.
 */
import { parseArgs } from 'node:util';
import { BackupRefused, restoreStore } from '../core/store/restore.ts';

const USAGE = `npm run restore -- --data DIR --from BACKUP
  --data  the desk's folder (the one its desk.sqlite is in); stop the desk first
  --from  the backup file to restore (checked before anything is replaced)`;

let values: { data?: string; from?: string; help?: boolean };
try {
  values = parseArgs({
    options: {
      data: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help || !values.data || !values.from) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
try {
  const r = await restoreStore(values.data, values.from);
  console.log(
    [
      `Restored ${values.from} into ${values.data} (schema ${r.schema}).`,
      r.kept ? `The store it replaced is kept at ${r.kept}.` : 'There was no store to replace.',
      r.joined
        ? 'At its next sync it takes back from the hub what it made after the backup; ticket numbers it had leased are not used again.'
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
} catch (e) {
  if (!(e instanceof BackupRefused)) throw e;
  console.error(`Nothing was restored: ${e.message}`);
  process.exit(1);
}
