import { takeViolations } from './openapi-response-check';

/**
 * Fails the test (or, for answers finishing after the last test, the file) during which an
 * answer strayed from the app's OpenAPI document (see openapi-response-check.ts).
 */
function failOnViolations(): void {
  const found = takeViolations();
  if (found.length === 0) return;
  throw new Error(
    `Responses that do not match the OpenAPI document:\n${found
      .map((v) => `- ${v.request}: ${v.problem}`)
      .join('\n')}`,
  );
}

afterEach(failOnViolations);
afterAll(failOnViolations);
