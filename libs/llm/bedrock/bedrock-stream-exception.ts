/** Exception members a Bedrock event stream (ConverseStream, InvokeModelWithResponseStream) may carry. */
export const EXCEPTION_MEMBERS = [
  'internalServerException',
  'modelStreamErrorException',
  'modelTimeoutException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
] as const;

/** An exception delivered as a stream member rather than thrown: rebuild a named error. */
export function streamException(event: object): Error | undefined {
  for (const member of EXCEPTION_MEMBERS) {
    const value = (event as Record<string, { message?: string } | undefined>)[member];
    if (value) {
      const error = new Error(value.message ?? member);
      error.name = member.charAt(0).toUpperCase() + member.slice(1);
      return error;
    }
  }
  return undefined;
}
