import { describe, expect, it } from 'vitest';
import { ListenerSet } from './listenerSet';

describe('ListenerSet', () => {
  it('calls every listener in turn, and one that throws is reported without deafening the others', () => {
    const thrown: string[] = [];
    const heard: string[] = [];
    const set = new ListenerSet<[string, number]>((e, what, n) => thrown.push(`${e.message}:${what}:${n}`));
    set.add((what) => heard.push(`a:${what}`));
    set.add(() => {
      throw new Error('broken');
    });
    set.add((what, n) => heard.push(`c:${what}:${n}`));
    set.emit('fill', 3);
    expect(heard).toEqual(['a:fill', 'c:fill:3']);
    expect(thrown).toEqual(['broken:fill:3']);
  });

  it('stops calling a listener once it is removed', () => {
    const heard: number[] = [];
    const set = new ListenerSet<[number]>(() => {});
    const remove = set.add((n) => heard.push(n));
    set.emit(1);
    remove();
    set.emit(2);
    expect(heard).toEqual([1]);
  });
});
