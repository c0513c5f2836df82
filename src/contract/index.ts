export * from './api';
export * from './channels';
export * from './format';
export * from './schemas';
export * from './wire';
