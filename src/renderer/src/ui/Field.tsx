import { useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  /** The control, given the ids it must carry. */
  children: (a11y: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactElement;
  className?: string;
  extra?: ReactNode;
  /** A fixed id for the control, for shortcuts and focus to find it; generated otherwise. */
  id?: string;
}

/** A label, its control, and the error said right under it in plain words. */
export function Field({
  label,
  error,
  hint,
  children,
  className,
  extra,
  id: fixedId,
}: FieldProps): ReactElement {
  const generated = useId();
  const id = fixedId ?? generated;
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = [hint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': !!error,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && !error ? (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field__error" id={errId} role="alert">
          {error}
        </span>
      ) : null}
      {extra}
    </div>
  );
}
