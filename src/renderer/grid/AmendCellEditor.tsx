import { type CustomCellEditorProps, useGridCellEditor } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';

/**
 * The editor of an amendable cell (Price, Stop, Qty). An amend goes to the venue, so only Enter sends
 * it: Escape, Tab, or leaving the cell drop the edit and the order stays as it was (the grid's own
 * editors would save on those too). Typing a character on a focused cell starts over from it, like a
 * spreadsheet; Enter, F2 or a double-click start from the current value, selected.
 */
export function AmendCellEditor(props: CustomCellEditorProps<unknown, string>) {
  const input = useRef<HTMLInputElement>(null);
  const enterPressed = useRef(false);
  const [startedByTyping] = useState(() => props.eventKey !== null && props.eventKey.length === 1);
  const [text, setText] = useState(() => (startedByTyping ? (props.eventKey ?? '') : (props.initialValue ?? '')));
  useGridCellEditor({ isCancelAfterEnd: () => !enterPressed.current });

  const { onValueChange } = props;
  useEffect(() => onValueChange(text), [text, onValueChange]);
  useEffect(() => {
    input.current?.focus();
    if (!startedByTyping) input.current?.select();
  }, [startedByTyping]);

  return (
    <input
      ref={input}
      className="cell-editor num"
      aria-label={`New ${(props.colDef.headerName ?? 'value').toLowerCase()}`}
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      value={text}
      onChange={(e) => setText(e.target.value)}
      // Capture phase: the grid's own Enter handling (which ends the edit) runs before a bubbling handler would.
      onKeyDownCapture={(e) => {
        if (e.key === 'Enter') enterPressed.current = true;
      }}
    />
  );
}
