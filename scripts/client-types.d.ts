/** Declarations of client-types.js for the TypeScript tests that use it. */
export function typesFromDocument(document: object): Promise<string>;
export const TYPES_PATH: string;
