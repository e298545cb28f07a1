// The layer rules of ARCHITECTURE.md section 1, checked by `npm run lint`.
// domain: plain TypeScript, imports nothing outside its own folder.
// application: its domain and ports; no HTTP, ORM, SDK, Redis or database driver.
// libs: another lib only through its index (`@app/<lib>`), never a file inside it.

const outsideDomain = {
  regex: '^(?!\\./)',
  message: 'The domain layer imports nothing outside itself (plain TypeScript).',
};

const crossLibDeepImport = {
  regex: '^@app/[^/]+/',
  message: 'Import another lib through its index (@app/<lib>), not a file inside it.',
};

const crossLibRelativeImport = {
  regex: '^(\\.\\./)+(conversations|llm|platform|proxy)(/|$)',
  message: 'Import another lib through its index (@app/<lib>), not by a relative path.',
};

const adaptersInApplication = {
  regex:
    '^(@mikro-orm/|@aws-sdk/|@smithy/|ioredis$|pg$|knex$|express$|fastify$|@nestjs/(platform-|swagger|throttler|core|terminus)|openai$|(\\.\\./)+(infrastructure|interface)(/|$))',
  message:
    'The application layer uses its domain and ports only: no HTTP, ORM, SDK, Redis or database driver.',
};

const httpFromNestCommon = {
  name: '@nestjs/common',
  importNames: [
    'Controller',
    'Req',
    'Res',
    'Body',
    'Param',
    'Query',
    'Headers',
    'HttpException',
    'HttpStatus',
    'BadRequestException',
    'NotFoundException',
    'ConflictException',
    'ForbiddenException',
    'UnauthorizedException',
  ],
  message: 'The application layer raises its own typed errors; HTTP belongs to the interface layer.',
};

const outsideClient = {
  regex: '^(@app/|@nestjs/|node:|(\\.\\./)+(conversations|llm|platform|proxy)(/|$))',
  message:
    'libs/client serves any frontend: no Nest, no Node built-ins, no other lib (only its generated types and npm packages).',
};

export const layerRules = [
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [crossLibDeepImport, crossLibRelativeImport] },
      ],
    },
  },
  {
    files: ['libs/*/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [httpFromNestCommon],
          patterns: [crossLibDeepImport, crossLibRelativeImport, adaptersInApplication],
        },
      ],
    },
  },
  {
    files: ['libs/client/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideClient] }] },
  },
  {
    files: ['libs/*/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideDomain] }] },
  },
];
