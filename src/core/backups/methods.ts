/** The admin's backup methods: a thin face on this workstation's DeskBackups. */
import type { ParsedInput } from '../../shared/contract.ts';
import type { BackupInfo, BackupList } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { conflict, DomainError } from '../kernel/failure.ts';
import type { DeskBackups } from './backups.ts';

function backupsOf(ctx: Ctx): DeskBackups {
  if (!ctx.backups) throw new DomainError('NOT_FOUND', 'This desk keeps no backups');
  return ctx.backups;
}

export const backupList = (ctx: Ctx): BackupList => backupsOf(ctx).list();

export async function runBackup(ctx: Ctx): Promise<BackupInfo> {
  try {
    return await backupsOf(ctx).run();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // The cause is in the desk's log (backups.ts logs it); the admin hears what it means.
    throw conflict(
      'backup_failed',
      `The backup could not be taken: ${(e as Error).message}; the earlier ones are kept`,
    );
  }
}

export const scheduleBackups = (ctx: Ctx, input: ParsedInput<'backups.schedule'>): BackupList =>
  backupsOf(ctx).schedule(input);
