export * from './migrations';
export * from './schema';
export * from './store';
