import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { CustomerHit } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { Joined } from '../ui/Joined.tsx';

interface Props {
  query: string;
  onQuery(q: string): void;
  onPick(hit: CustomerHit): void;
  error?: string | undefined;
}

/** Caller look-up as you type (ARIA combobox): phone, account number or name, in any script. */
export function CallerLookup({ query, onQuery, onPick, error }: Props): ReactElement {
  const tr = useT();
  const id = useId();
  const [hits, setHits] = useState<CustomerHit[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      setOpen(false);
      return;
    }
    const ticket = ++latest.current;
    setSearching(true);
    const timer = setTimeout(() => {
      void api.invoke('customers.lookup', { query: q, limit: 8 }).then((r) => {
        if (ticket !== latest.current) return; // a newer keystroke won
        setSearching(false);
        setHits(r.ok ? r.value : []);
        setActive(r.ok && r.value.length ? 0 : -1);
        setOpen(true);
      });
    }, 90);
    return () => clearTimeout(timer);
  }, [query]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? hits.length - 1 : a - 1));
    } else if (e.key === 'Enter' && !e.ctrlKey && open && active >= 0 && hits[active]) {
      e.preventDefault();
      pick(hits[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  function pick(h: CustomerHit) {
    setOpen(false);
    setHits([]);
    onPick(h);
  }

  const listId = `${id}-list`;
  const status = searching
    ? tr.t('intake.searching')
    : open
      ? hits.length
        ? tr.plural('intake.matches', hits.length)
        : tr.t('intake.noMatch')
      : tr.t('intake.callerSearchHint');

  return (
    <div className={`field combobox${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{tr.t('intake.callerSearch')}</label>
      <input
        id={id}
        data-focus="caller-search"
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-status`}
        aria-invalid={!!error}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <span id={`${id}-status`} className="field__hint" aria-live="polite">
        {error ?? status}
      </span>
      <ul
        id={listId}
        role="listbox"
        className="combobox__list"
        hidden={!open || hits.length === 0}
        aria-label={tr.t('intake.caller')}
      >
        {hits.map((h, i) => (
          <li
            key={h.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className="combobox__option"
            onMouseDown={(e) => {
              e.preventDefault();
              pick(h);
            }}
          >
            <span className="combobox__name">{h.name}</span>
            <span className="combobox__meta">
              <Joined
                parts={[
                  { phone: h.phone },
                  h.organisation,
                  h.accounts.map((a) => a.number).join(', '),
                ]}
              />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
