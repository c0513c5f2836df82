export * from './types';
export * from './sim';
