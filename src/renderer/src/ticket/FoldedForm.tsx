import type { ReactElement, ReactNode } from 'react';
import { FormError } from '../ui/FormError.tsx';
import { submitOnCtrlEnter } from '../ui/forms.ts';
import { Kbd } from '../ui/Kbd.tsx';

/**
 * A workspace form folded away until wanted (its shortcut unfolds it): a summary with the
 * shortcut, the fields, the form's own error line, and a submit button that Ctrl+Enter presses.
 */
export function FoldedForm({
  title,
  keys,
  layout,
  onSubmit,
  submitLabel,
  error,
  children,
}: {
  title: string;
  keys: string;
  layout: 'grid' | 'inline';
  onSubmit: () => void;
  submitLabel: string;
  error: string | undefined;
  children: ReactNode;
}): ReactElement {
  const submit = (
    <button type="button" className="btn btn--small" onClick={onSubmit}>
      {submitLabel} <Kbd keys="Ctrl+Enter" />
    </button>
  );
  return (
    <details className="ticket__section">
      <summary>
        {title} <Kbd keys={keys} />
      </summary>
      <div
        className={layout === 'grid' ? 'grid grid--2' : 'inline-form'}
        onKeyDown={submitOnCtrlEnter(onSubmit)}
      >
        {children}
        {layout === 'inline' ? submit : null}
      </div>
      <FormError text={error} />
      {layout === 'grid' ? submit : null}
    </details>
  );
}
