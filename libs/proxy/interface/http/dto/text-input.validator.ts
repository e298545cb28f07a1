import { ValidateBy, ValidationOptions } from 'class-validator';

/** A string, or an array of strings (the seed sends one string; batches send arrays). */
export function IsTextInput(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTextInput',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' ||
          (Array.isArray(value) && value.every((item) => typeof item === 'string')),
        defaultMessage: (args) => `${args?.property} must be a string or an array of strings`,
      },
    },
    options,
  );
}
