import type { CallInput } from '../../contract/api';
import { bridge } from './bridgeRef';

/** The GTT panel's calls: a Kite account's triggers, listed on demand and changed one at a time. */
export const listGtts = (venue: string) => bridge().call('gtt.list', { venue });
export const placeGtt = (input: CallInput<'gtt.place'>) => bridge().call('gtt.place', input);
export const modifyGtt = (input: CallInput<'gtt.modify'>) => bridge().call('gtt.modify', input);
export const deleteGtt = (venue: string, id: number) => bridge().call('gtt.delete', { venue, id });
