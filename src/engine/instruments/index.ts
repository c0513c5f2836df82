export * from './instrument';
export * from './registry';
export * from './search';
