export * from './migrations';
export * from './schema';
export * from './store';
export * from './journal';
