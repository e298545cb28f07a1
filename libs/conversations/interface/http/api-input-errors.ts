import { ApiBadRequestResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@app/platform';
import { UNSTORABLE_TEXT_MESSAGE } from './dto/storable-text.validator';

const REQUEST_ID = '0b9c7d0e-6c1f-4a53-9d57-3f0f8f3c2a10';

const refusal = (details: string[]) => ({
  value: {
    error: {
      code: 'validation_failed',
      message: 'The request is not valid',
      details,
      requestId: REQUEST_ID,
    },
  },
});

/**
 * The 400 of a write, with examples of the refusals clients meet most: text PostgreSQL cannot
 * store (NUL, a lone surrogate) in `textField`, and a null where a value is required.
 */
export function ApiInputErrors(textField: string, requiredField: string, requiredRule: string) {
  return ApiBadRequestResponse({
    description:
      'Validation failed (details name each field): a NUL or lone surrogate in stored text, a null where a value is required, malformed JSON, a bad model id',
    type: ErrorEnvelopeDto,
    examples: {
      unstorableText: {
        summary: 'NUL (\\u0000) or a lone surrogate in stored text',
        ...refusal([`${textField} ${UNSTORABLE_TEXT_MESSAGE}`]),
      },
      nullValue: {
        summary: 'null where a value is required',
        ...refusal([`${requiredField} ${requiredRule}`]),
      },
    },
  });
}
