import { HttpProblem } from '@app/platform';
import { InvalidRequestError, ModelNotAllowedError } from '../../application/proxy-errors';
import { mapProxyError } from './proxy-error.mapper';

describe('mapProxyError', () => {
  it('maps the proxy refusals to 400 with their code and details', () => {
    expect(mapProxyError(new ModelNotAllowedError('x', ['a', 'b']))).toEqual(
      new HttpProblem(400, 'model_not_allowed', 'Model x is not allowed', { allowed: ['a', 'b'] }),
    );
    const invalid = mapProxyError(
      new InvalidRequestError('Nothing to embed', ['text is required']),
    );
    expect(invalid).toMatchObject({
      status: 400,
      code: 'validation_failed',
      details: ['text is required'],
    });
  });

  it('passes on errors of other layers', () => {
    expect(mapProxyError(new Error('boom'))).toBeUndefined();
  });
});
