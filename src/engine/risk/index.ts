export * from './killSwitch';
export * from './limits';
export * from './riskManager';
