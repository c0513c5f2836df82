export * from './instrument';
export * from './registry';
