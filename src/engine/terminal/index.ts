export * from './terminal';
export * from './views';
