import { useEffect, useRef, useState } from 'react';
import type { NumberOwners } from '../../../shared/views.ts';
import { api } from '../api/index.ts';

const NONE: NumberOwners = { phone: [], account: null };
/** Long enough that a number typed at speed is asked about once, short enough to come before Tab. */
const SETTLE_MS = 250;

/**
 * Who already has the phone or account number being typed for a new caller, asked once the
 * typing settles; a newer keystroke's answer always wins over an older one's.
 */
export function useNumberOwners(
  phone: string,
  accountNumber: string,
  enabled: boolean,
): NumberOwners {
  const [owners, setOwners] = useState<NumberOwners>(NONE);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const p = phone.trim();
    const a = accountNumber.trim();
    if (!enabled || (!p && !a)) {
      setOwners(NONE);
      return;
    }
    const timer = setTimeout(() => {
      void api.invoke('customers.owners', { phone: p, accountNumber: a }).then((r) => {
        if (ticket === latest.current) setOwners(r.ok ? r.value : NONE);
      });
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [phone, accountNumber, enabled]);

  return owners;
}
