export * from './conversation';
export * from './conversation-text';
export * from './message';
export * from './model-choice';
export * from './turn-messages';
export * from './domain-errors';
export * from './branch';
export * from './share';
