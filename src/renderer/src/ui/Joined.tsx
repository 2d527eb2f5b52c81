import { Fragment, type ReactElement } from 'react';

/**
 * Facts in a row, "a · b · c", each isolated for the bidi algorithm: an Arabic name next to a
 * phone number must not reorder the digits. Phone numbers always read left to right.
 */
export function Joined({
  parts,
}: {
  parts: (string | { phone: string } | null | undefined | false)[];
}): ReactElement {
  const shown = parts.filter(
    (p): p is string | { phone: string } => !!p && (typeof p === 'string' || p.phone !== ''),
  );
  return (
    <>
      {shown.map((p, i) => (
        <Fragment key={i}>
          {i > 0 ? ' · ' : null}
          {typeof p === 'string' ? <bdi>{p}</bdi> : <bdi dir="ltr">{p.phone}</bdi>}
        </Fragment>
      ))}
    </>
  );
}
