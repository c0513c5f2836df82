import { beforeEach, describe, expect, it } from 'vitest';
import { activePanel, useActivePanel } from './activePanel';

describe('the active panel (the one whose instrument the hotkeys trade)', () => {
  beforeEach(() => useActivePanel.setState({ panel: null, title: null }));

  it('is the panel last clicked or focused', () => {
    activePanel.set('book-2', 'Order book 2');
    activePanel.set('chart', 'Chart');
    expect(useActivePanel.getState()).toEqual({ panel: 'chart', title: 'Chart' });
  });

  it('a panel that leaves the window (closed, popped out) stops being active; another leaving changes nothing', () => {
    activePanel.set('book-2', 'Order book 2');
    activePanel.clear('chart-2');
    expect(useActivePanel.getState().panel).toBe('book-2');
    activePanel.clear('book-2');
    expect(useActivePanel.getState()).toEqual({ panel: null, title: null });
  });
});
