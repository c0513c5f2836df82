/** Execution algorithms (issue 17). Entered only through here. */
export * from './router';
export * from './tca';
