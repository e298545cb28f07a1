import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { HttpProblem } from '@app/platform';
import { isStorableString, UNSTORABLE_TEXT_MESSAGE } from './dto/storable-text.validator';

/**
 * Refuses path parameters PostgreSQL cannot compare (NUL, lone surrogates) with the 400 a body
 * field gets, instead of letting the query fail. Query strings are checked by their DTOs.
 */
@Injectable()
export class StorableParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || typeof value !== 'string' || isStorableString(value)) {
      return value;
    }
    throw new HttpProblem(400, 'validation_failed', 'The request is not valid', [
      `${metadata.data ?? 'a path parameter'} ${UNSTORABLE_TEXT_MESSAGE}`,
    ]);
  }
}
