import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { SearchHit } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { useBoard } from '../board/boardStore.ts';
import { useT } from '../i18n/index.ts';

const KIND_LABEL = {
  ticket: 'search.ticket',
  customer: 'search.customer',
  asset: 'search.asset',
  note: 'search.note',
} as const satisfies Record<SearchHit['kind'], MessageKey>;

/** Text with its matched words in <mark>. */
function Marked({ text, marks }: { text: string; marks: [number, number][] }): ReactElement {
  const parts: ReactNode[] = [];
  let at = 0;
  marks.forEach(([s, e], i) => {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark key={i}>{text.slice(s, e)}</mark>);
    at = e;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Search everywhere (Ctrl+K): tickets and callers as you type; Enter opens the one picked. */
export function SearchPalette({ onClose }: { onClose: () => void }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const latest = useRef(0);
  const openTicket = useView((s) => s.openTicket);
  const go = useView((s) => s.go);
  const setFilters = useBoard((s) => s.setFilters);

  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    return () => d.close();
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const mine = ++latest.current;
    const timer = setTimeout(() => {
      void api.invoke('search.everywhere', { query: q }).then((r) => {
        if (mine !== latest.current) return;
        setHits(r.ok ? r.value : []);
        setActive(0);
      });
    }, 80);
    return () => clearTimeout(timer);
  }, [query]);

  function pick(h: SearchHit) {
    onClose();
    if (h.kind === 'ticket' || h.kind === 'note') openTicket(h.id);
    else {
      // A caller, or their equipment: the board shows that caller's tickets.
      setFilters({ text: h.caller ?? h.title });
      go('board');
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && hits.length) setActive((a) => (a + 1) % hits.length);
    else if (e.key === 'ArrowUp' && hits.length)
      setActive((a) => (a <= 0 ? hits.length - 1 : a - 1));
    else if (e.key === 'Enter' && hits[active]) pick(hits[active]);
    else return;
    e.preventDefault();
  }

  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-labelledby="palette-label"
      onCancel={onClose}
      onClose={onClose}
    >
      <label id="palette-label" htmlFor="palette-input">
        {t('search.label')}
      </label>
      <input
        id="palette-input"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="palette-list"
        aria-activedescendant={hits[active] ? `palette-${active}` : undefined}
        autoComplete="off"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul
        id="palette-list"
        role="listbox"
        aria-label={t('search.results')}
        className="palette__list"
      >
        {hits.map((h, i) => (
          <li
            key={`${i}:${h.kind}:${h.id}`}
            id={`palette-${i}`}
            role="option"
            aria-selected={i === active}
            className="palette__hit"
            onMouseDown={(e) => {
              e.preventDefault();
              pick(h);
            }}
          >
            <span className="palette__kind">{t(KIND_LABEL[h.kind])}</span>
            <span className="palette__title">
              <Marked text={h.title} marks={h.titleMarks} />
            </span>
            <span className="palette__detail">
              <Marked text={h.detail} marks={h.detailMarks} />
            </span>
          </li>
        ))}
      </ul>
      {query.trim() && hits.length === 0 ? <p className="muted">{t('search.none')}</p> : null}
    </dialog>
  );
}
