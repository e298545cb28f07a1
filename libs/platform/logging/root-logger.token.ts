/**
 * DI token of the process' pino root logger. main.ts hands in the one it created (so files and
 * stdout are shared); otherwise the PlatformModule makes one. Tests override it with a logger
 * writing to a stream they read.
 */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
