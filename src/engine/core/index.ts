export * from './clock';
export * from './decimal';
export * from './errors';
export * from './eventBus';
export * from './logger';
export * from './rng';
export * from './types';
export * from './recordingLogger';
