/** A small rotating ring; with `label`, screen readers hear it, otherwise it is decoration next to text. */
export function Spinner({ label }: { label?: string }) {
  return label ? <span className="spinner" role="img" aria-label={label} /> : <span className="spinner" aria-hidden="true" />;
}
