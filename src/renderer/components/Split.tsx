import { Fragment, type ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';

export interface Pane {
  id: string;
  /** Percent of the group, as react-resizable-panels takes it: "37%". */
  size: string;
  min: string;
  content: ReactNode;
}

/** Panes side by side (or stacked), each resizable by dragging the separator between them. */
export function Split(props: { id: string; orientation: 'horizontal' | 'vertical'; panes: Pane[] }) {
  return (
    <Group orientation={props.orientation} id={props.id}>
      {props.panes.map((pane, i) => (
        <Fragment key={pane.id}>
          {i > 0 && <Separator className="sep" />}
          <Panel id={pane.id} defaultSize={pane.size} minSize={pane.min}>
            {pane.content}
          </Panel>
        </Fragment>
      ))}
    </Group>
  );
}
