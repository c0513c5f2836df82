import type { InputHTMLAttributes } from 'react';
import { InlineField } from '../../components/FormField';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby' | 'value' | 'onChange' | 'className'>;

/**
 * One text field of the signals' inline forms (add source, alert rules): the label names the input, the
 * error describes it, and the input carries the class `sig-input-<name>` that signals.css sizes it by.
 */
export function SignalTextField(props: { name: string; label: string; value: string; error?: string | undefined; onValue(value: string): void; input?: InputProps }) {
  return (
    <InlineField
      className="sig-field"
      label={props.label}
      error={props.error}
      input={{ ...props.input, className: `sig-input-${props.name}`, value: props.value, onChange: (e) => props.onValue(e.target.value) }}
    />
  );
}
