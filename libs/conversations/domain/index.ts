export * from './conversation';
export * from './message';
export * from './domain-errors';
export * from './branch';
