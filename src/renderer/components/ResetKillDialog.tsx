import { resetKill } from '../state/actions';
import { ConfirmDialog } from './ConfirmDialog';

/** Resetting the kill switch lets orders flow again, so it takes a second, deliberate click. */
export function ResetKillDialog(props: { onClose: () => void }) {
  return (
    <ConfirmDialog title="Reset the kill switch?" keepLabel="Keep engaged" confirmLabel="Confirm reset" failure="Reset failed" onConfirm={resetKill} onClose={props.onClose}>
      <p>New orders will be accepted again. Orders canceled by the kill switch stay canceled.</p>
    </ConfirmDialog>
  );
}
