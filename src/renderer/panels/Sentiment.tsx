import { useEffect, useState } from 'react';
import type { SentimentView } from '../../contract/api';
import { Panel, Placeholder } from '../components/Panel';
import { Segmented } from '../components/Segmented';
import { useMarket } from '../state/market';
import { useSession } from '../state/session';
import { signals, useSignals } from '../state/signals';
import { AddSourceForm } from './signals/AddSourceForm';
import { AlertRules } from './signals/AlertRules';
import { ComponentsTable } from './signals/ComponentsTable';
import { CompositeGauge } from './signals/CompositeGauge';
import { Headlines } from './signals/Headlines';
import { OrderFlowCard } from './signals/OrderFlowCard';
import { Positioning } from './signals/Positioning';
import { SourceSparklines } from './signals/SourceSparklines';
import { SourcesList } from './signals/SourcesList';
import { usePolled } from './signals/usePolled';
import { WeightsEditor } from './signals/WeightsEditor';
import { useFormatVersion } from '../state/settings';

/** About once a second while on screen: headlines and the composite move at the pace of the news, not the book. */
const SENTIMENT_POLL_MS = 1000;

type Sub = 'overview' | 'sources';

/**
 * The Sentiment panel of the focused instrument (its canonical symbol): the composite gauge and its components,
 * the latest headlines, per-source score sparklines, positioning and the order-flow model's record; and, on its
 * second view, the sources with their health, the component weights and the alert rules.
 */
export function Sentiment(props: { visible: boolean }) {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const instrument = useMarket((s) => s.focus.symbol);
  const [sub, setSub] = useState<Sub>('overview');
  const { value, error } = usePolled(instrument, props.visible && sub === 'overview', SENTIMENT_POLL_MS, () => signals.sentiment(instrument));
  return (
    <Panel
      name="Sentiment"
      title={
        <>
          Sentiment <span className="sig-instrument">{instrument}</span>
        </>
      }
      extra={
        <Segmented<Sub>
          label="Sentiment view"
          value={sub}
          onChange={setSub}
          options={[
            { key: 'overview', label: 'Overview' },
            { key: 'sources', label: 'Sources & settings' },
          ]}
        />
      }
    >
      {sub === 'overview' ? (
        value === undefined ? (
          <Placeholder>{error ?? 'Reading the sentiment…'}</Placeholder>
        ) : (
          <Overview view={value} error={error} />
        )
      ) : (
        <SourcesAndSettings visible={props.visible} instrument={instrument} />
      )}
    </Panel>
  );
}

function Overview({ view, error }: { view: SentimentView; error: string | undefined }) {
  const s = view.signal;
  return (
    <div className="sig-overview">
      <section className="sig-col sig-col-signal" aria-label="Composite and components">
        <CompositeGauge value={s.composite} usedWeight={s.usedWeight} totalWeight={s.totalWeight} dropped={s.dropped} />
        {error !== undefined && (
          <p className="sig-error" role="alert">
            Not updated: {error}
          </p>
        )}
        <ComponentsTable signal={s} />
      </section>
      <section className="sig-col sig-col-news" aria-label="Latest headlines">
        <div className="sig-sub-head">
          <span>Latest headlines</span>
        </div>
        <Headlines headlines={view.headlines} />
      </section>
      <section className="sig-col sig-col-side" aria-label="Sources, positioning and order flow">
        <div className="sig-sub-head">
          <span>Per source, 24 h</span>
        </div>
        <SourceSparklines series={view.series} now={view.ts} />
        <div className="sig-sub-head">
          <span>Positioning</span>
        </div>
        <Positioning p={view.positioning} />
        <OrderFlowCard model={view.orderFlow} instrument={view.instrument} />
      </section>
    </div>
  );
}

/** The engine's time, about: the local clock moved by the offset the pings measured; ticks once a second for the "ago" texts. */
function useEngineNow(active: boolean): number {
  const offset = useSession((s) => s.engineOffsetMs ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now + offset;
}

function SourcesAndSettings({ visible, instrument }: { visible: boolean; instrument: string }) {
  const sources = useSignals((s) => s.sources);
  const settings = useSignals((s) => s.settings);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const now = useEngineNow(visible);
  // Read when shown; `signalSources` events keep the list current meanwhile.
  useEffect(() => {
    if (!visible) return;
    void Promise.all([signals.loadSources(), signals.loadSettings()]).then(([a, b]) => {
      const bad = [a, b].find((r) => !r.ok);
      setProblem(bad && !bad.ok ? bad.error.message : undefined);
    });
  }, [visible]);
  return (
    <div className="sig-settings">
      <section className="sig-col sig-col-sources" aria-label="Sources">
        <div className="sig-sub-head">
          <span>Sources</span>
        </div>
        {problem !== undefined && (
          <p className="sig-error" role="alert">
            {problem}
          </p>
        )}
        {sources === null ? <p className="sig-empty">Reading the sources…</p> : <SourcesList sources={sources} now={now} />}
        <AddSourceForm />
      </section>
      <section className="sig-col sig-col-rules" aria-label="Weights and alerts">
        {settings === null ? (
          <p className="sig-empty">Reading the settings…</p>
        ) : (
          <>
            <WeightsEditor settings={settings} />
            <AlertRules settings={settings} instrument={instrument} />
          </>
        )}
      </section>
    </div>
  );
}
