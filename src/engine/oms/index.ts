export * from './clientOrderIds';
export * from './killSwitchBinding';
export * from './orderManager';
export * from './stateMachine';
export * from './types';
export * from './reconcile';
