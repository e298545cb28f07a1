import { registerDecorator, ValidationOptions } from 'class-validator';

/** Bounds a free-form JSON value by its serialised size. */
export function MaxJsonSize(maxBytes: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'maxJsonSize',
      target: target.constructor,
      propertyName,
      options: { message: `$property must serialise to at most ${maxBytes} bytes`, ...options },
      validator: {
        validate: (value: unknown) =>
          value === undefined || Buffer.byteLength(JSON.stringify(value)) <= maxBytes,
      },
    });
}
