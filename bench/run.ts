/**
 * `npm run bench -- <name>`: runs one benchmark, ours side by side with the peer in the same process,
 * and prints the figures and ratios. Benchmarks are not tests: nothing here asserts on time.
 */
const benches: Record<string, () => Promise<void>> = {
  sim: async () => (await import('./sim')).runSimBench(),
  book: async () => (await import('./book')).runBookBench(),
  journal: async () => (await import('./journal')).runJournalBench(),
  risk: async () => (await import('./risk')).runRiskBench(),
  oms: async () => (await import('./oms')).runOmsBench(),
  venue: async () => (await import('./venue')).runVenueBench(),
  // The second half of `venue` on its own: order submit -> venue request on the wire.
  orderWire: async () => (await import('./orderWire')).runOrderWireBench(),
  kite: async () => (await import('./kite')).runKiteBench(),
  options: async () => (await import('./options')).runOptionsBench(),
  sentiment: async () => {
    const { onnxThroughput } = await import('./onnxScorer');
    // The ONNX path after the lexicon scorers: the tests' small model, so the figure is the pipeline's own cost.
    await (await import('./sentiment')).runSentimentBench([() => onnxThroughput().then(() => undefined)]);
  },
  signals: async () => (await import('./signals')).runSignalsBench(),
  // The smart router against naive single-venue sweeps on SIM-A/SIM-B books, and its decision cost.
  algoRouter: async () => (await import('./algoRouter')).runAlgoRouterBench(),
  // Price alerts: Alerts.onTrade per trade with many armed rules, and the 20 Hz mid sampling.
  alerts: async () => (await import('./alerts')).runAlertsBench(),
  algo: async () => (await import('./algo')).runAlgoBench(),
  // The real UI in Chromium under a busy SIM: tick-to-pixel p50/p99, dropped frames, next to no panels (the floor).
  ui: async () => (await import('./ui')).runUiBench(),
};

const benchName = process.argv[2];
const bench = benchName ? benches[benchName] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
console.log(`node ${process.versions.node}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`);
await bench();

export {};
