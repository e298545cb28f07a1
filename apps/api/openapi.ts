import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyApiSecurity, documentServerRefusals } from '@app/platform';
import type { EnvironmentSchema } from './config/env.schema';

/**
 * The app's OpenAPI document, describing the configured auth mode: a bearer token with
 * AUTH_MODE=jwt, the optional X-User-Id header with AUTH_MODE=none.
 */
export function createOpenApiDocument(
  app: INestApplication,
  env: Pick<EnvironmentSchema, 'AUTH_MODE'>,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Chat backend')
    .setDescription(
      'Conversational AI backend: conversations stored in PostgreSQL, answers from Amazon Bedrock (or another provider), whole or streamed. Every error uses the envelope {"error":{code,message,details?,requestId}}.',
    )
    .setVersion('1.0.0');
  const document = SwaggerModule.createDocument(app, builder.build());
  return applyApiSecurity(documentServerRefusals(document), env.AUTH_MODE);
}
