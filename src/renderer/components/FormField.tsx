import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

/**
 * A label and its control in a form grid: two grid cells, the label, then the control with its error
 * under it. The label names the control; the error is its description and marks it invalid.
 * `control` draws something other than one input (given the id to name and the error's id).
 */
export function FormField(props: {
  label: string;
  error?: string;
  input?: InputProps;
  control?: (ids: { id: string; invalid: true | undefined; describedBy: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = props.error ? (true as const) : undefined;
  const describedBy = props.error ? errorId : undefined;
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <div className="field-control">
        {props.control ? (
          props.control({ id, invalid, describedBy })
        ) : (
          <input autoComplete="off" spellCheck={false} {...props.input} id={id} aria-invalid={invalid} aria-describedby={describedBy} />
        )}
        {props.error && (
          <span className="field-error" id={errorId}>
            {props.error}
          </span>
        )}
      </div>
    </>
  );
}
