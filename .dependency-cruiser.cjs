// The layers of src/ and the one-way rules between them (docs/architecture.md draws them).
// `npm run lint` runs `npm run check:layers`, which fails on any rule broken here.
//
//   cli, ui  →  workflow  →  client  →  resources  →  core  →  fetch
//   data and schemas are leaves; testing (the fake) uses data, schemas and core.
//
// The entry points (src/index.ts, src/data/index.ts, src/testing/index.ts) only re-export.

const CLI = '^src/(cli|ui)/';
const WORKFLOW = '^src/workflow/';
const CLIENT = '^src/client[.]ts$';
const ENTRY = '^src/index[.]ts$';
const RESOURCES = '^src/resources/';
const CORE = '^src/core/';
const DATA = '^src/data/';
const SCHEMAS = '^src/schemas/';
const TESTING = '^src/testing/';
const VERSION = '^src/version[.]ts$';

/** A rule that `from` may import nothing matching any of `above`. */
const below = (name, from, above, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: above },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    below(
      'nothing-imports-the-cli',
      `^src/(?!cli/|ui/)`,
      [CLI],
      'The CLI and the UI are the top: nothing below may know them.',
    ),
    below(
      'workflow-below-cli',
      WORKFLOW,
      [CLI, ENTRY, TESTING],
      'The workflow composes the client and its resources; it never reaches up, nor into the fake.',
    ),
    below(
      'client-below-workflow',
      CLIENT,
      [CLI, WORKFLOW, ENTRY, TESTING],
      'The client wires resources; the flows built on it (fineTune, eval, export) are above it.',
    ),
    below(
      'resources-below-client',
      RESOURCES,
      [CLI, WORKFLOW, CLIENT, ENTRY, TESTING],
      'A resource knows its endpoints, its helpers and core, never the client or the flows.',
    ),
    below(
      'core-below-resources',
      CORE,
      [CLI, WORKFLOW, CLIENT, ENTRY, RESOURCES, TESTING, DATA],
      'core is the HTTP machinery: it knows no resource, no flow and no training data.',
    ),
    {
      name: 'data-is-a-leaf',
      comment: 'data (no HTTP at all) imports only itself and schemas.',
      severity: 'error',
      from: { path: DATA },
      to: { path: '^src/', pathNot: [DATA, SCHEMAS, VERSION] },
    },
    {
      name: 'schemas-are-a-leaf',
      comment: 'schemas import nothing of tunekit but each other.',
      severity: 'error',
      from: { path: SCHEMAS },
      to: { path: '^src/', pathNot: [SCHEMAS] },
    },
    {
      name: 'testing-uses-data-schemas-and-core',
      comment:
        'The fake is built on data, schemas and core only: it must not test the SDK with itself.',
      severity: 'error',
      from: { path: TESTING },
      to: { path: '^src/', pathNot: [TESTING, DATA, SCHEMAS, CORE, VERSION] },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a lower layer may not import a higher one, not even a type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
