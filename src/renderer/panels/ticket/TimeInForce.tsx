import { type FocusEvent, useId } from 'react';
import type { Tif } from '../../view/ticket';
import { parseExpiry } from '../../view/expiry';
import { dateTimeText } from '../../view/numbers';

const tifTitles: Record<Tif, string> = {
  GTC: 'Good till canceled',
  IOC: 'Immediate or cancel: what does not fill at once is canceled',
  FOK: 'Fill or kill: all at once or nothing',
  GTD: 'Good till date: the venue cancels it at the time below',
  DAY: 'Good for the day: canceled at the session end (00:00 UTC)',
};

/**
 * Time in force, and for GTD the expiry picked as local date and time; the UTC time it means is shown
 * under it, since every other time on the screen is UTC.
 */
export function TimeInForce(props: {
  choices: readonly Tif[];
  tif: Tif;
  expires: string;
  now: number;
  tifError: string | undefined;
  expiresError: string | undefined;
  onTif: (tif: Tif) => void;
  onExpires: (text: string) => void;
  onBlurExpires: (e: FocusEvent<HTMLInputElement>) => void;
}) {
  const tifId = useId();
  const expId = useId();
  const tifErrId = useId();
  const expErrId = useId();
  const parsed = props.tif === 'GTD' ? parseExpiry(props.expires, props.now) : undefined;
  return (
    <>
      <div className="ticket-row">
        <label htmlFor={tifId}>Time in force</label>
        <div>
          <select
            id={tifId}
            value={props.tif}
            title={tifTitles[props.tif]}
            aria-invalid={props.tifError ? true : undefined}
            aria-describedby={props.tifError ? tifErrId : undefined}
            onChange={(e) => props.onTif(e.target.value as Tif)}
          >
            {/* A value the current type cannot take stays listed, so the select never shows something else than what is held. */}
            {(props.choices.includes(props.tif) ? props.choices : [...props.choices, props.tif]).map((t) => (
              <option key={t} value={t} title={tifTitles[t]}>
                {t}
              </option>
            ))}
          </select>
          {props.tifError && (
            <div className="field-error" role="alert" id={tifErrId}>
              {props.tifError}
            </div>
          )}
        </div>
      </div>
      {props.tif === 'GTD' && (
        <div className="ticket-row">
          <label htmlFor={expId}>Expires</label>
          <div>
            <input
              id={expId}
              type="datetime-local"
              className="num"
              value={props.expires}
              step={60}
              aria-invalid={props.expiresError ? true : undefined}
              aria-describedby={props.expiresError ? expErrId : undefined}
              onChange={(e) => props.onExpires(e.target.value)}
              onBlur={props.onBlurExpires}
            />
            {props.expiresError ? (
              <div className="field-error" role="alert" id={expErrId}>
                {props.expiresError}
              </div>
            ) : (
              parsed?.ok && <div className="field-hint" title="The time above is your local time">{`= ${dateTimeText(parsed.ms)}`}</div>
            )}
          </div>
        </div>
      )}
    </>
  );
}
