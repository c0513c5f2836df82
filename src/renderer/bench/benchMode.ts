/**
 * `?bench=ui` or `?bench=floor` in the page's address (bench/ui.ts adds it): the page records when each
 * book picture is painted (paintProbe.ts). With `floor` it also renders no panel at all, so the same
 * page measures what the bridge, the stores and the browser cost without any panel: the floor under the
 * full UI's figure. Anything else, or nothing, is the normal terminal.
 */
export type BenchMode = 'ui' | 'floor';

export function benchModeOf(search: string): BenchMode | undefined {
  const mode = new URLSearchParams(search).get('bench');
  return mode === 'ui' || mode === 'floor' ? mode : undefined;
}
