import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

/** What a custom control is given: the id its label names, and its invalid state and description (the error). */
type ControlIds = { id: string; invalid: true | undefined; describedBy: string | undefined };

interface FieldProps {
  label: string;
  error?: string;
  input?: InputProps;
  control?: (ids: ControlIds) => ReactNode;
}

/**
 * A label and its control in a form grid: two grid cells, the label, then the control with its error
 * under it. The label names the control; the error is its description and marks it invalid.
 * `control` draws something other than one input (given the id to name and the error's id).
 */
export function FormField(props: FieldProps) {
  const ids = useControlIds(props.error);
  return (
    <>
      <label className="field-label" htmlFor={ids.id}>
        {props.label}
      </label>
      <div className="field-control">
        <ControlAndError {...props} ids={ids} />
      </div>
    </>
  );
}

/**
 * The same pair inline, for a row of small fields (the signals' forms): one element holding the label,
 * the control and its error, in that order. `className` and `title` are the wrapper's.
 */
export function InlineField(props: FieldProps & { className?: string; title?: string }) {
  const ids = useControlIds(props.error);
  return (
    <span className={props.className} title={props.title}>
      <label htmlFor={ids.id}>{props.label}</label>
      <ControlAndError {...props} ids={ids} />
    </span>
  );
}

function useControlIds(error: string | undefined): ControlIds {
  const id = useId();
  return { id, invalid: error ? true : undefined, describedBy: error ? `${id}-error` : undefined };
}

function ControlAndError(props: FieldProps & { ids: ControlIds }) {
  const { id, invalid, describedBy } = props.ids;
  return (
    <>
      {props.control ? (
        props.control(props.ids)
      ) : (
        <input autoComplete="off" spellCheck={false} {...props.input} id={id} aria-invalid={invalid} aria-describedby={describedBy} />
      )}
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
    </>
  );
}
