import type { OptionUnderlyingView } from '../../../contract/api';
import { Placeholder } from '../../components/Panel';

const choiceKey = (venue: string, underlying: string) => `${venue}|${underlying}`;

/**
 * The Underlying picker of the option panels (chain, smile): one entry per venue and underlying, valued
 * `venue|underlying` (what the e2e specs select); `onPick` gets the listed underlying chosen.
 */
export function UnderlyingSelect(props: {
  id: string;
  underlyings: readonly OptionUnderlyingView[] | undefined;
  choice: { venue: string; underlying: string } | undefined;
  onPick: (u: OptionUnderlyingView) => void;
}) {
  const { id, underlyings, choice } = props;
  return (
    <>
      <label htmlFor={id}>Underlying</label>
      <select
        id={id}
        value={choice ? choiceKey(choice.venue, choice.underlying) : ''}
        disabled={!underlyings || underlyings.length === 0}
        onChange={(e) => {
          const u = underlyings?.find((x) => choiceKey(x.venue, x.underlying) === e.target.value);
          if (u) props.onPick(u);
        }}
      >
        {underlyings?.map((u) => (
          <option key={choiceKey(u.venue, u.underlying)} value={choiceKey(u.venue, u.underlying)}>
            {u.underlying} · {u.venue}
          </option>
        ))}
      </select>
    </>
  );
}

/** The Expiry picker of the option panels: `expiries` as (epoch ms, label), the shown one `value`. */
export function ExpirySelect(props: {
  id: string;
  value: number | undefined;
  disabled: boolean;
  expiries: readonly { expiry: number; label: string }[];
  onPick: (expiry: number) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>Expiry</label>
      <select id={props.id} value={String(props.value ?? '')} disabled={props.disabled} onChange={(e) => props.onPick(Number(e.target.value))}>
        {props.expiries.map((x) => (
          <option key={x.expiry} value={String(x.expiry)}>
            {x.label}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * What an option panel shows while it has no underlying to show: the list's error, the list being read, or
 * no venue listing options; undefined once there are underlyings.
 */
export function UnderlyingsPlaceholder(props: { underlyings: readonly OptionUnderlyingView[] | undefined; error: string | undefined }) {
  if (props.error !== undefined) return <Placeholder>Underlyings could not be read: {props.error}</Placeholder>;
  if (props.underlyings === undefined) return <Placeholder>Reading the underlyings…</Placeholder>;
  if (props.underlyings.length === 0) return <Placeholder>No venue lists options: connect an account that has them (Kite NFO, the simulated options venue)</Placeholder>;
  return null;
}
