import { useId } from 'react';

/**
 * A small row of mutually exclusive choices (a radio group drawn as segments): each option is a real
 * radio, so people and tests find it by its name ("Bracket") and arrows move between them.
 */
export function Segmented<K extends string>(props: {
  label: string;
  options: readonly { key: K; label: string; title?: string }[];
  value: K;
  onChange: (key: K) => void;
}) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label={props.label}>
      {props.options.map((o) => (
        <label key={o.key} className={props.value === o.key ? 'on' : undefined} title={o.title}>
          <input type="radio" name={name} value={o.key} checked={props.value === o.key} onChange={() => props.onChange(o.key)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
