import type { ReactElement } from 'react';

/** A form's own error line (one not about a single field). */
export function FormError({ text }: { text: string | undefined }): ReactElement | null {
  return text ? (
    <p className="form-error" role="alert">
      {text}
    </p>
  ) : null;
}
