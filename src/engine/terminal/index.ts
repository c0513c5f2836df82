export * from './terminal';
export * from './views';
export * from './analyticsView';
