import { useMemo, useState } from 'react';
import type { GttView } from '../../contract/api';
import { Panel, Placeholder } from '../components/Panel';
import { Split } from '../components/Split';
import { findInstrument, useFocusedInstrument, useMarket } from '../state/market';
import { gttVenues } from '../view/gtt';
import { GttForm } from './gtt/GttForm';
import { GttList } from './gtt/GttList';
import { useGttList } from './gtt/useGttList';
import { useFormatVersion } from '../state/settings';

/**
 * A Kite account's GTT triggers: the list (left) and a form to create one on the focused instrument
 * (right). The account is the focused instrument's when it is Kite's, else the first Kite account. The
 * list is read from Kite only while this view is on screen (`visible`).
 */
export function Gtts(props: { visible: boolean }) {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const instruments = useMarket((s) => s.instruments);
  const venues = useMemo(() => gttVenues(instruments), [instruments]);
  const focused = useFocusedInstrument();
  const venue = focused?.exchange !== undefined ? focused.venue : venues[0];
  const list = useGttList(venue, props.visible);
  /** The GTT being changed in the form (its own instrument's, which need not be the focused one). */
  const [editing, setEditing] = useState<GttView | undefined>(undefined);
  const editedInst = editing && findInstrument(instruments, editing.venue, editing.symbol);
  const formInst = editedInst ?? (focused?.venue === venue ? focused : undefined);
  const formKey = editedInst ? `edit:${editing!.id}` : focused ? `${focused.venue}:${focused.symbol}` : 'none';
  if (venue === undefined) {
    return (
      <Panel name="GTT triggers">
        <Placeholder>GTT triggers are Kite's: connect a Kite account to see and create them</Placeholder>
      </Panel>
    );
  }
  return (
    <Split
      id="gtt-cols"
      orientation="horizontal"
      panes={[
        { id: 'gtt-list', size: '62%', min: '35%', content: <GttList venue={venue} list={list} instrumentOf={(v, s) => findInstrument(instruments, v, s)} onEdit={setEditing} /> },
        { id: 'gtt-form', size: '38%', min: '25%', content: (
            <GttForm
              key={formKey}
              inst={formInst}
              editing={editedInst ? editing : undefined}
              onChanged={list.applyChange}
              onDoneEditing={() => setEditing(undefined)}
            />
          ),
        },
      ]}
    />
  );
}
