// The typed client's types (libs/client/api-types.ts) from the app's OpenAPI document, with
// openapi-typescript. Shared by `npm run client:generate` and the e2e check that they are current.
const HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run client:generate\` (openapi-typescript).
 * Do not edit: change the API's Swagger decorators and regenerate.
 */

`;

/** The TypeScript source of the types for `document` (an OpenAPI 3 object). */
async function typesFromDocument(document) {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const nodes = await openapiTS(document, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    silent: true,
  });
  return HEADER + astToString(nodes);
}

module.exports = { typesFromDocument, TYPES_PATH: 'libs/client/api-types.ts' };

// `node scripts/client-types.js < document.json`: the types on stdout (for Jest, whose module
// system cannot load openapi-typescript's ESM dependencies).
if (require.main === module) {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => {
    typesFromDocument(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      .then((source) => process.stdout.write(source))
      .catch((error) => {
        process.stderr.write(`${error.stack ?? error}\n`);
        process.exit(1);
      });
  });
}
