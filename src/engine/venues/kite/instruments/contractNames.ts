/**
 * Names of Kite's derivative contracts. Kite's trading symbols encode the expiry two ways:
 * monthly contracts as YY + MON ("NIFTY26DEC24000CE"), weekly ones as YY + M + DD, M being 1-9, O, N, D
 * ("NIFTY2612224000CE" = 22 Dec 2026). We rebuild both codes from the dump's expiry date to tell which
 * one a symbol uses and to recover the underlying when the dump leaves `name` empty (old dumps do).
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKLY_MONTH = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'O', 'N', 'D'];

export interface ExpiryCodes {
  monthly: string;
  weekly: string;
  /** "26DEC" (monthly) or "22DEC26" (weekly): the expiry as the display name shows it. */
  monthlyTag: string;
  weeklyTag: string;
}

/** `date` is "YYYY-MM-DD". */
export function expiryCodes(date: string): ExpiryCodes {
  const yy = date.slice(2, 4);
  const month = Number(date.slice(5, 7)) - 1;
  const dd = date.slice(8, 10);
  const mon = MONTHS[month] ?? '';
  return {
    monthly: `${yy}${mon}`,
    weekly: `${yy}${WEEKLY_MONTH[month] ?? ''}${dd}`,
    monthlyTag: `${yy}${mon}`,
    weeklyTag: `${dd}${mon}${yy}`,
  };
}

export type ContractType = 'FUT' | 'CE' | 'PE';

export interface ContractName {
  underlying: string;
  displayName: string;
  weekly: boolean;
}

/**
 * The underlying and display name of a derivative: "NIFTY 26DEC 24000 CE", "NIFTY 22DEC26 24000 CE"
 * (weekly: day, month, year), "CRUDEOIL 26DEC FUT". `strikeText` is the strike as the symbol writes it.
 */
export function contractName(
  tradingsymbol: string,
  name: string,
  type: ContractType,
  expiry: string,
  strikeText: string,
): ContractName {
  const codes = expiryCodes(expiry);
  const tail = type === 'FUT' ? 'FUT' : `${strikeText}${type}`;
  let underlying = name;
  let weekly = false;
  for (const [code, isWeekly] of [
    [codes.monthly, false],
    [codes.weekly, true],
  ] as const) {
    const suffix = code + tail;
    if (tradingsymbol.endsWith(suffix) && tradingsymbol.length > suffix.length) {
      underlying = tradingsymbol.slice(0, -suffix.length);
      weekly = isWeekly;
      break;
    }
  }
  if (underlying === '') underlying = tradingsymbol;
  const tag = weekly ? codes.weeklyTag : codes.monthlyTag;
  const displayName = type === 'FUT' ? `${underlying} ${tag} FUT` : `${underlying} ${tag} ${strikeText} ${type}`;
  return { underlying, displayName, weekly };
}
