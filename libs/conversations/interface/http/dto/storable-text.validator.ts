import { ValidateBy, ValidationOptions } from 'class-validator';

// PostgreSQL text and jsonb cannot hold U+0000, and a lone surrogate has no UTF-8 form: both are
// valid in a JSON string, so they must be refused before anything is written.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE =
  'must not contain NUL (\\u0000) characters or unpaired UTF-16 surrogates';

export const isStorableString = (text: string): boolean =>
  !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/**
 * Where a string PostgreSQL cannot store sits in `value` (a string, or JSON: keys and values at
 * any depth), as a path under `path` (`metadata.tags[2]`); undefined when everything is storable.
 */
export function findUnstorableText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableString(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableString(key)) return `${path} (a key)`;
      const found = findUnstorableText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses text (or a JSON value holding text) that PostgreSQL cannot store, naming where it is. */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (value: unknown, args) =>
          findUnstorableText(value, args?.property ?? '') === undefined,
        defaultMessage: (args) =>
          `${findUnstorableText(args?.value, args?.property ?? '') ?? args?.property} ${UNSTORABLE_TEXT_MESSAGE}`,
      },
    },
    options,
  );
}
