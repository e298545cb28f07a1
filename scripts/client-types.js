// The typed client's types (libs/client/api-types.ts) from the app's OpenAPI document, with
// openapi-typescript. Shared by `npm run client:generate` and the e2e check that they are current.
const HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run client:generate\` (openapi-typescript).
 * Do not edit: change the API's Swagger decorators and regenerate.
 */

`;

/** The TypeScript source of the types for `document` (an OpenAPI 3 object). */
async function typesFromDocument(document) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const nodes = await openapiTS(document, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    silent: true,
  });
  return HEADER + astToString(nodes);
}

module.exports = { typesFromDocument, TYPES_PATH: 'libs/client/api-types.ts' };
