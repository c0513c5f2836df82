import { useEffect, useMemo, useState } from 'react';
import type { AlgoPreview, Instrument } from '../../../contract/api';
import { Panel } from '../../components/Panel';
import { algos } from '../../state/algos';
import { useMarket } from '../../state/market';
import { ALGO_CHOICES, algoFormProblems, algoTicket, PARAM_HELP, type AlgoForm } from '../../view/algoTicket';
import { priceText, qtyText, timeText } from '../../view/numbers';

const initial = (venue: string, symbol: string): AlgoForm => ({
  type: 'twap',
  venue,
  symbol,
  side: 'buy',
  qty: '',
  limit: '',
  durationS: '60',
  slices: '10',
  sizeJitter: '0.2',
  rate: '0.1',
  display: '',
  reference: 'primary',
  offsetTicks: '0',
  riskAversion: '0.001',
  volatility: '1',
  impact: '0.01',
  buckets: '10',
  maxParticipation: '',
  venues: [venue],
});

type Field = keyof typeof PARAM_HELP;

/** Which fields each algo shows beyond quantity, limit and window. */
const FIELDS: Record<AlgoForm['type'], Field[]> = {
  twap: ['slices', 'sizeJitter'],
  vwap: ['buckets'],
  pov: ['rate'],
  iceberg: ['display'],
  peg: ['reference', 'offsetTicks'],
  shortfall: ['slices', 'riskAversion', 'volatility', 'impact'],
  sniper: [],
  smart: ['venues'],
};

const LABELS: Record<Field, string> = {
  qty: 'Quantity',
  limit: 'Limit',
  durationS: 'Window (s)',
  slices: 'Slices',
  sizeJitter: 'Size variation',
  rate: 'Rate',
  display: 'Display size',
  reference: 'Peg to',
  offsetTicks: 'Offset (ticks)',
  riskAversion: 'Risk aversion',
  volatility: 'Volatility',
  impact: 'Impact',
  buckets: 'Buckets',
  maxParticipation: 'Max participation',
  venues: 'Venues',
};

/** The Algo ticket: the algo type, its parameters (each validated and explained), the schedule preview, Start. */
export function AlgoTicket() {
  const focus = useMarket((s) => s.focus);
  const instruments = useMarket((s) => s.instruments);
  const [form, setForm] = useState<AlgoForm>(() => initial(focus.venue, focus.symbol));
  const [preview, setPreview] = useState<AlgoPreview | null>(null);
  const [message, setMessage] = useState('');
  // A new focus starts the venue choice afresh: the routed venues must all quote the new instrument.
  useEffect(() => setForm((f) => ({ ...f, venue: focus.venue, symbol: focus.symbol, venues: [focus.venue] })), [focus.venue, focus.symbol]);
  const inst = instruments.find((i) => i.venue === form.venue && i.symbol === form.symbol);
  // Venues quoting the same symbol: where a smart parent can route.
  const routable = useMemo(() => [...new Set(instruments.filter((i) => i.symbol === form.symbol).map((i) => i.venue))], [instruments, form.symbol]);
  const problems = algoFormProblems({ ...form, venues: form.venues.filter((v) => routable.includes(v)) });
  const valid = Object.keys(problems).length === 0;
  const set = <K extends keyof AlgoForm>(k: K, v: AlgoForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const ticketKey = valid ? JSON.stringify(algoTicket({ ...form, venues: form.venues.filter((v) => routable.includes(v)) })) : '';
  useEffect(() => {
    if (!ticketKey) return setPreview(null);
    let live = true;
    const timer = setTimeout(() => {
      void algos.preview(JSON.parse(ticketKey)).then((r) => {
        if (!live) return;
        setPreview(r.ok ? r.value : null);
        setMessage(r.ok ? '' : r.error.message);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ticketKey]);

  async function start(): Promise<void> {
    if (!valid) return;
    const reply = await algos.start(algoTicket({ ...form, venues: form.venues.filter((v) => routable.includes(v)) }));
    setMessage(reply.ok ? `Started ${reply.value.id}` : `Refused: ${reply.error.message}`);
  }

  const field = (k: Field) => {
    const id = `algo-${k}`;
    const problem = problems[k];
    let input;
    if (k === 'reference') {
      input = (
        <select id={id} value={form.reference} onChange={(e) => set('reference', e.target.value as AlgoForm['reference'])}>
          <option value="primary">Primary (near touch)</option>
          <option value="market">Market (far touch)</option>
          <option value="mid">Mid</option>
        </select>
      );
    } else if (k === 'venues') {
      input = (
        <span id={id} role="group" aria-label="Venues">
          {routable.map((v) => (
            <label key={v} className="algo-venue">
              <input type="checkbox" checked={form.venues.includes(v)} onChange={(e) => set('venues', e.target.checked ? [...form.venues, v] : form.venues.filter((x) => x !== v))} /> {v}
            </label>
          ))}
        </span>
      );
    } else {
      input = <input id={id} value={form[k] as string} inputMode="decimal" aria-invalid={problem !== undefined} onChange={(e) => set(k, e.target.value)} />;
    }
    return (
      <div className="algo-field" key={k}>
        <label htmlFor={id}>{LABELS[k]}</label>
        {input}
        <small className={problem ? 'bad' : 'muted'}>{problem ? `${LABELS[k]}: ${problem}` : PARAM_HELP[k]}</small>
      </div>
    );
  };

  const choice = ALGO_CHOICES.find((c) => c.type === form.type)!;
  return (
    <Panel name="Algo ticket" title={`Algo · ${form.symbol} · ${form.venue}`}>
      <form
        className="algo-ticket"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div className="algo-field">
          <label htmlFor="algo-type">Algo</label>
          <select id="algo-type" value={form.type} onChange={(e) => set('type', e.target.value as AlgoForm['type'])}>
            {ALGO_CHOICES.map((c) => (
              <option key={c.type} value={c.type}>
                {c.name}
              </option>
            ))}
          </select>
          <small className="muted">{choice.explain}</small>
        </div>
        <div className="algo-field" role="radiogroup" aria-label="Algo side">
          <label>
            <input type="radio" name="algo-side" checked={form.side === 'buy'} onChange={() => set('side', 'buy')} /> Buy
          </label>
          <label>
            <input type="radio" name="algo-side" checked={form.side === 'sell'} onChange={() => set('side', 'sell')} /> Sell
          </label>
        </div>
        {field('qty')}
        {field('limit')}
        {field('durationS')}
        {FIELDS[form.type].map(field)}
        {field('maxParticipation')}
        <button type="submit" className={`primary ${form.side}`} disabled={!valid}>
          Start {choice.name}
        </button>
        {message && <p role="status">{message}</p>}
      </form>
      <PreviewView preview={preview} inst={inst} />
    </Panel>
  );
}

const MAX_ROWS = 12;

/** The schedule: slice times and sizes (with what is left after each), or the routed split per venue. */
function PreviewView(props: { preview: AlgoPreview | null; inst: Instrument | undefined }) {
  const { preview, inst } = props;
  if (!preview) return null;
  const qty = (l: number) => (inst ? qtyText(inst, l) : String(l));
  return (
    <div className="algo-preview" aria-label="Schedule preview">
      <p className="muted">{preview.note}{preview.kappa !== undefined ? ` κ = ${preview.kappa.toExponential(2)} /s` : ''}</p>
      {preview.slices && (
        <table>
          <thead>
            <tr>
              <th>At</th>
              <th>Qty</th>
              <th>Left</th>
            </tr>
          </thead>
          <tbody>
            {preview.slices.slice(0, MAX_ROWS).map((s, i) => (
              <tr key={i}>
                <td>{timeText(s.at)}</td>
                <td className="num">{qty(s.qty)}</td>
                <td className="num">{qty(s.remaining)}</td>
              </tr>
            ))}
            {preview.slices.length > MAX_ROWS && (
              <tr>
                <td colSpan={3} className="muted">
                  … {preview.slices.length - MAX_ROWS} more slices
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {preview.route && (
        <table>
          <thead>
            <tr>
              <th>Venue</th>
              <th>Qty</th>
              <th>Up to</th>
              <th>Levels</th>
            </tr>
          </thead>
          <tbody>
            {preview.route.children.map((c) => (
              <tr key={c.venue}>
                <td>{c.venue}</td>
                <td className="num">{qty(c.gridQty)}</td>
                <td className="num">{inst ? priceText(inst, c.gridPrice) : c.gridPrice}</td>
                <td className="num">{c.levels}</td>
              </tr>
            ))}
            {preview.route.children.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">Nothing within the limit now</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {preview.leftOut && preview.leftOut.length > 0 && (
        <p className="tca-left-out" aria-label="Preview left out">
          Left out: {preview.leftOut.join('; ')}
        </p>
      )}
    </div>
  );
}
