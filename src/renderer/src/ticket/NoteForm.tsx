import { useState, type ReactElement } from 'react';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { firstErrorText } from '../ui/errors.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';

export const NOTE_ID = 'ticket-note';

/** An internal note: Ctrl+Enter or the button adds it to the history. */
export function NoteForm({
  ticketId,
  ticketKey,
  onSaved,
}: {
  ticketId: string;
  ticketKey: string;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save() {
    const r = await api.invoke('tickets.addNote', { id: ticketId, text });
    if (!r.ok) {
      setError(firstErrorText(tr, r.error));
      return;
    }
    setError(null);
    setText('');
    show(t('ticket.noteAdded', { key: ticketKey }));
    onSaved();
  }
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={NOTE_ID}>
        {t('ticket.note')} <Kbd keys="Alt+N" />
      </label>
      <textarea
        id={NOTE_ID}
        rows={2}
        value={text}
        aria-invalid={!!error}
        aria-describedby={error ? 'ticket-note-error' : undefined}
        aria-keyshortcuts="Control+Enter"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.ctrlKey && e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
        }}
      />
      {error ? (
        <span className="field__error" id="ticket-note-error" role="alert">
          {error}
        </span>
      ) : null}
      <button type="button" className="btn btn--small" onClick={() => void save()}>
        {t('ticket.addNote')} <Kbd keys="Ctrl+Enter" />
      </button>
    </div>
  );
}
