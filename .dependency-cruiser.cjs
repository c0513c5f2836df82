/**
 * The import rules of ShrivenQuant Terminal, checked by `npm run deps` (part of `npm test`).
 * docs/ARCHITECTURE.md ("Layers") says why; this file is the enforceable version of that section:
 * no circles, imports point down the layers only, each engine folder is entered only through its
 * index.ts, test code never leaks into production code, and every import resolves.
 *
 * Type-only imports count (tsPreCompilationDeps): a circle of types is still a circle, and the
 * storage/oms/venues loop this check was written against was made of types.
 */

/** The engine folders from the bottom up. A folder may import only the folders listed before it. */
const ENGINE_LAYERS = [
  'core',
  'instruments',
  'options',
  'secrets',
  'storage',
  'venues',
  'marketdata',
  'book',
  'portfolio',
  'risk',
  'oms',
  'analytics',
  'signals',
  'algos',
  'terminal',
];

/** Tests, their fixtures and the per-folder testSupport.ts helpers: run by vitest, never shipped. */
const TEST_CODE = '(\\.test\\.tsx?|\\.fixture\\.ts|/testSupport\\.ts)$|^src/renderer/view/testing\\.ts$';

/** UI and Electron packages: the engine is plain TypeScript that runs in Node without them. */
const UI_PACKAGES =
  '(^|/)node_modules/(electron|react|react-dom|react-resizable-panels|zustand|ag-grid-community|ag-grid-react|lightweight-charts)/';

const engineLayerRules = ENGINE_LAYERS.map((folder, i) => {
  const below = ENGINE_LAYERS.slice(0, i);
  return {
    name: `engine-layer-${folder}`,
    comment:
      `src/engine/${folder}/ may import only ${below.length ? below.join(', ') : 'itself'} ` +
      '(the engine folders beneath it, docs/ARCHITECTURE.md "Layers"). Move a type that both need into ' +
      'the lower folder (or core/) instead of importing upwards.',
    severity: 'error',
    from: { path: `^src/engine/${folder}/` },
    to: { path: '^src/engine/', pathNot: `^src/engine/(${[folder, ...below].join('|')})/` },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'This import closes a circle. Move what both modules need into a module beneath them both ' +
        '(for engine folders: the lower folder, or core/).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'This import does not resolve to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },

    ...engineLayerRules,
    {
      name: 'engine-folder-unplaced',
      comment:
        'This engine folder is not in the layer order. Add it to ENGINE_LAYERS in .dependency-cruiser.cjs ' +
        'and to the "Layers" section of docs/ARCHITECTURE.md.',
      severity: 'error',
      from: { path: '^src/engine/', pathNot: `^src/engine/(${ENGINE_LAYERS.join('|')})/` },
      to: {},
    },
    {
      name: 'engine-folder-unplaced-target',
      comment:
        'This import reaches an engine folder that is not in the layer order. Add it to ENGINE_LAYERS in ' +
        '.dependency-cruiser.cjs and to the "Layers" section of docs/ARCHITECTURE.md.',
      severity: 'error',
      from: {},
      to: { path: '^src/engine/', pathNot: `^src/engine/(${ENGINE_LAYERS.join('|')})/` },
    },
    {
      name: 'only-through-index',
      comment:
        "An engine folder's index.ts is its only entrance: import '../<folder>', not a file inside it. " +
        'If what you need is not exported there, export it from that index.ts.',
      severity: 'error',
      from: { path: '^src/(engine/)?([^/]+)/', pathNot: TEST_CODE },
      to: { path: '^src/engine/[^/]+/', pathNot: ['^src/engine/$2/', '^src/engine/[^/]+/index\\.ts$'] },
    },
    {
      name: 'only-through-index-tests',
      comment:
        "Tests enter another engine folder through its index.ts, or through its testSupport.ts (the " +
        'shared set-up for tests, which production code never imports).',
      severity: 'error',
      from: { path: '^src/(engine/)?([^/]+)/.*(\\.test\\.tsx?|\\.fixture\\.ts|\\btestSupport\\.ts)$' },
      to: {
        path: '^src/engine/[^/]+/',
        pathNot: ['^src/engine/$2/', '^src/engine/[^/]+/index\\.ts$', '/testSupport\\.ts$'],
      },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Production code imports a test, a fixture or a testSupport.ts: those are for tests only.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },

    {
      name: 'loopback-only-for-tests',
      comment:
        'The loopback venues (src/engine/venues/*/loopback) are test infrastructure that ships in src for the ' +
        "tests and the end-to-end host: only tests, testSupport.ts files and the loopback's own files import them.",
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST_CODE, '^src/engine/venues/[^/]+/loopback/'] },
      to: { path: '^src/engine/venues/[^/]+/loopback/' },
    },
    {
      name: 'engine-imports-no-host',
      comment:
        'The engine is the bottom of the processes: it imports nothing from contract, main, cli, renderer ' +
        'or preload (they import it).',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(?!engine/)' },
    },
    {
      name: 'engine-no-ui-packages',
      comment: 'The engine is pure TypeScript: no Electron, no React, no DOM libraries.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: UI_PACKAGES },
    },
    {
      name: 'core-instruments-self-contained',
      comment:
        'core/ and instruments/ import no package and no Node built-in: the contract re-exports their ' +
        'parse and format helpers, so they are bundled into the renderer.',
      severity: 'error',
      from: { path: '^src/engine/(core|instruments)/', pathNot: TEST_CODE },
      to: { pathNot: '^src/' },
    },
    {
      name: 'contract-not-up',
      comment: 'The contract sits beneath main, cli, renderer and preload: it imports none of them.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/(main|cli|renderer|preload)/' },
    },
    {
      name: 'contract-runtime-only-core-instruments',
      comment:
        "The renderer bundles the contract, so the contract's runtime imports of the engine are only " +
        "core/ and instruments/; everything else it takes from the engine must be 'import type'.",
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/(core|instruments)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-no-node',
      comment: 'The renderer bundles the contract: no Node built-ins in it.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer is a view: it imports only src/contract (and UI packages), never the engine or main.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(?!renderer/|contract/)' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs sandboxed in a browser: no Node built-ins (its tests run in Node and may).',
      severity: 'error',
      from: { path: '^src/renderer/', pathNot: TEST_CODE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-contract',
      comment: 'The preload exposes the typed bridge and nothing else: it imports only src/contract.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/(?!preload/|contract/)' },
    },
    {
      name: 'main-not-up',
      comment: 'main imports the engine and the contract, never cli, renderer or preload.',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^src/(cli|renderer|preload)/' },
    },
    {
      name: 'cli-only-engine',
      comment:
        "cli imports the engine, plus main's control socket client and data directory rules (sq kill " +
        'reaches the running terminal through them); nothing else of main, and no contract, renderer or preload.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(?!cli/|engine/)', pathNot: '^src/main/(controlSocket|dataDir)\\.ts$' },
    },
  ],
  options: {
    // Only our own code is checked; packages are leaves (resolved, not followed).
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
