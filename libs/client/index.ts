export * from './api-client';
export * from './turn-stream';
export type * from './api-types';
