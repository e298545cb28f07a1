// Two projects: fast unit specs beside their files, and e2e specs that boot the real app
// against a real PostgreSQL (embedded by default, or TEST_DATABASE_URL).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@app/(conversations|llm|platform|proxy|client)$': '<rootDir>/libs/$1/index.ts',
  '^@app/(conversations|llm|platform|proxy)/(.*)$': '<rootDir>/libs/$1/$2',
};
// jose 6 ships ESM only: Node 20 can require() it, Jest's module system cannot, so swc compiles it.
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // A global option: Jest ignores it inside a project.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // Every answer of an e2e app is checked against the app's OpenAPI document.
      setupFilesAfterEnv: ['<rootDir>/test/support/openapi-check.setup.ts'],
    },
  ],
};
