import type { HeadlineView } from '../../../contract/api';
import { timeText } from '../../view/numbers';
import { signedText, toneOf } from '../../view/signals';

/**
 * The latest headlines about the instrument, newest first: time (UTC), source, compound score coloured, and the
 * title as a link that leaves the terminal for the system browser (target _blank: Electron's window-open handler
 * decides what may open, src/main/windowSecurity.ts). The simulated wire's items say so.
 */
export function Headlines({ headlines }: { headlines: readonly HeadlineView[] }) {
  if (headlines.length === 0) return <p className="sig-empty">No headlines about this instrument yet: add a news source under Sources &amp; settings.</p>;
  return (
    <ul className="sig-headlines" aria-label="Headlines">
      {headlines.map((h) => {
        const compound = h.score?.compound;
        return (
          <li key={h.id} className="sig-headline">
            <span className="sig-h-time num" title={h.timeFromItem ? 'Published (UTC)' : 'First seen (UTC): the feed gave no time'}>
              {timeText(h.ts)}
              {!h.timeFromItem && '*'}
            </span>
            <span className={`sig-h-score num tone-${toneOf(compound)}`} aria-label={`score ${signedText(compound)}`} title="VADER compound score, −1 … +1">
              {signedText(compound)}
            </span>
            <span className="sig-h-source" title={h.source}>
              {h.sourceLabel}
            </span>
            {h.simulated && (
              <span className="sig-badge-sim" title="From the simulated news wire: not real news">
                simulated
              </span>
            )}
            {h.link ? (
              <a className="sig-h-title" href={h.link} target="_blank" rel="noopener noreferrer" title={`${h.title}\n${h.link}`}>
                {h.title}
              </a>
            ) : (
              <span className="sig-h-title" title={h.title}>
                {h.title}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
