import { createContext, useCallback, useContext, useState } from 'react';
import type { ApiError, Result } from '../../../shared/errors.ts';
import type { AdminDirectory } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useLiveReload } from '../app/useLiveReload.ts';
import { useSession } from '../session/sessionStore.ts';
import { useToasts } from '../ui/toastStore.ts';

/** What an admin edits, read fresh: again after each change here, and when another admin changes it. */
export function useDirectoryLoader(): {
  directory: AdminDirectory | null;
  error: ApiError | null;
  reload: () => Promise<void>;
} {
  const [directory, setDirectory] = useState<AdminDirectory | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    const r = await api.invoke('admin.directory', {});
    if (r.ok) {
      setDirectory(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  // Open work and call-backs counted per row change with the tickets.
  useLiveReload(reload, ['desk.changed', 'tickets.changed', 'callbacks.changed']);
  return { directory, error, reload };
}

export const DirectoryContext = createContext<() => Promise<void>>(async () => undefined);

/**
 * One admin call: on success a toast, then the directory and the desk (every screen's lists)
 * read again; refused, the error comes back for the form to place by field. A conflict or a
 * vanished entry reloads too, so the form shows what is there now.
 */
export function useAdminCall(): <T>(
  call: Promise<Result<T>>,
  saved: (value: T) => string,
) => Promise<ApiError | null> {
  const reloadDirectory = useContext(DirectoryContext);
  const reloadDesk = useSession((s) => s.load);
  const show = useToasts((s) => s.show);
  return async (call, saved) => {
    const r = await call;
    if (!r.ok) {
      if (r.error.code === 'CONFLICT' || r.error.code === 'NOT_FOUND') await reloadDirectory();
      return r.error;
    }
    show(saved(r.value));
    await Promise.all([reloadDirectory(), reloadDesk()]);
    return null;
  };
}
