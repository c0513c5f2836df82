import { type FocusEvent, useId } from 'react';

/**
 * A labelled decimal input with its unit, and the reason it is refused (role alert) right under it.
 * `placeholder` says when a field may stay empty ("optional"); `hint` explains a value (shown when
 * there is no error).
 */
export function DecimalField(props: {
  label: string;
  unit: string;
  value: string;
  error: string | null | undefined | false;
  onChange: (value: string) => void;
  onBlur: (e: FocusEvent<HTMLInputElement>) => void;
  placeholder?: string;
  hint?: string;
}) {
  const id = useId();
  const errorId = useId();
  return (
    <div className="ticket-row">
      <label htmlFor={id} title={props.label}>
        {props.label}
      </label>
      <div>
        <div className="with-unit">
          <input
            id={id}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={props.value}
            placeholder={props.placeholder}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? errorId : undefined}
            onChange={(e) => props.onChange(e.target.value)}
            onBlur={props.onBlur}
          />
          <span className="unit">{props.unit}</span>
        </div>
        {props.error ? (
          <div className="field-error" role="alert" id={errorId}>
            {props.error}
          </div>
        ) : (
          props.hint && <div className="field-hint">{props.hint}</div>
        )}
      </div>
    </div>
  );
}
