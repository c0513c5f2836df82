import './algos.css';
import { Split } from '../../components/Split';
import { AlgosPanel } from './AlgosPanel';
import { AlgoTicket } from './AlgoTicket';
import { ConsolidatedBook } from './ConsolidatedBook';
import { useFormatVersion } from '../../state/settings';

/** The Algos tab: the ticket, the parents with their TCA, and the consolidated book of the focused symbol. */
export function AlgosArea(props: { visible: boolean }) {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  return (
    <Split
      id="algos-cols"
      orientation="horizontal"
      panes={[
        { id: 'algo-ticket', size: '24%', min: '18%', content: <AlgoTicket /> },
        { id: 'algos', size: '56%', min: '25%', content: <AlgosPanel /> },
        { id: 'algo-book', size: '20%', min: '12%', content: <ConsolidatedBook visible={props.visible} /> },
      ]}
    />
  );
}
