/**
 * A deterministic set of crypto and market headlines for the sentiment benchmark: templates filled from
 * word lists by a seeded PRNG (mulberry32), so every run and every scorer sees the same texts. The mix is
 * what a news panel shows: prices moving, exchanges and protocols, regulators, macro, some with
 * negations, boosters, capitals, "but", punctuation and the odd emoji.
 */
const ASSETS = ['Bitcoin', 'BTC', 'Ethereum', 'ETH', 'Solana', 'SOL', 'XRP', 'Dogecoin', 'Cardano', 'Avalanche', 'Chainlink', 'Polygon', 'BNB', 'Toncoin', 'NIFTY', 'Reliance', 'Nasdaq', 'S&P 500', 'Gold', 'Crude oil'];
const VENUES = ['Binance', 'Coinbase', 'Kraken', 'OKX', 'Bybit', 'Uniswap', 'Aave', 'Curve', 'a major DeFi protocol', 'a top-10 exchange'];
const ACTORS = ['Analysts', 'Traders', 'Whales', 'Retail investors', 'Hedge funds', 'Miners', 'Market makers', 'Institutions'];
const MOVES_UP = ['surges', 'soars', 'rallies', 'jumps', 'climbs', 'rebounds', 'gains', 'hits new ATH', 'breaks out', 'extends gains'];
const MOVES_DOWN = ['plunges', 'tumbles', 'slides', 'drops', 'sinks', 'crashes', 'slumps', 'falls', 'dumps', 'extends losses'];
const MOODS = ['bullish', 'bearish', 'cautious', 'optimistic', 'worried', 'confident', 'nervous', 'excited', 'skeptical', 'uncertain'];
const EVENTS = ['halving', 'network upgrade', 'ETF approval', 'hack', 'exploit', 'delisting', 'listing', 'short squeeze', 'rug pull', 'rate cut', 'rate hike', 'outage', 'lawsuit', 'partnership', 'airdrop'];
const REGULATORS = ['SEC', 'CFTC', 'SEBI', 'RBI', 'the Fed', 'the ECB', 'regulators', 'lawmakers'];
const TAILS = ['', '', '', '!', '!!', '?', ' 🚀', ' 📉', ' :)', ' :(', ' — report', ' amid FUD', ' as shorts get liquidated', ' after weak jobs data'];
const PCT = ['2%', '3.5%', '5%', '7%', '10%', '12%', '15%', '20%', '25%', '40%'];

type Pick = <T>(list: readonly T[]) => T;

const TEMPLATES: ((p: Pick) => string)[] = [
  (p) => `${p(ASSETS)} ${p(MOVES_UP)} ${p(PCT)} as ${p(ACTORS).toLowerCase()} turn ${p(MOODS)}${p(TAILS)}`,
  (p) => `${p(ASSETS)} ${p(MOVES_DOWN)} ${p(PCT)} after ${p(VENUES)} ${p(EVENTS)}${p(TAILS)}`,
  (p) => `${p(ACTORS)} are ${p(['very', 'extremely', 'slightly', 'not', 'increasingly', 'somewhat'])} ${p(MOODS)} on ${p(ASSETS)} ahead of the ${p(EVENTS)}${p(TAILS)}`,
  (p) => `${p(REGULATORS)} ${p(['approves', 'rejects', 'delays', 'sues', 'fines', 'probes', 'welcomes', 'bans'])} ${p(VENUES)} over ${p(['custody rules', 'staking', 'the ETF filing', 'market manipulation', 'stablecoin reserves'])}${p(TAILS)}`,
  (p) => `${p(ASSETS)} ${p(MOVES_UP)} but ${p(ACTORS).toLowerCase()} remain ${p(MOODS)}${p(TAILS)}`,
  (p) => `${p(VENUES)} ${p(['suffers', 'reports', 'denies', 'confirms', 'recovers from'])} $${p(['12M', '40M', '150M', '600M', '1.2B'])} ${p(EVENTS)}, withdrawals ${p(['paused', 'resume', 'halted', 'normal'])}${p(TAILS)}`,
  (p) => `Why ${p(ASSETS)} could ${p(['double', 'crash', 'moon', 'stall', 'outperform', 'lag'])} this ${p(['week', 'month', 'quarter', 'cycle'])}${p(TAILS)}`,
  (p) => `${p(ASSETS)} price analysis: ${p(['bulls', 'bears'])} ${p(['defend', 'lose', 'reclaim', 'test'])} key ${p(['support', 'resistance'])} at ${p(['$30K', '$2,000', '$100', '$0.50', '24,000', '1,800'])}${p(TAILS)}`,
  (p) => `${p(['BREAKING', 'JUST IN', 'UPDATE', 'ALERT'])}: ${p(ASSETS)} ${p([...MOVES_UP, ...MOVES_DOWN])} ${p(PCT)} in an hour${p(TAILS)}`,
  (p) => `${p(ACTORS)} ${p(['never', "don't", 'rarely', 'still', 'finally'])} ${p(['sell', 'buy', 'trust', 'doubt', 'love', 'fear'])} ${p(ASSETS)} ${p(['dips', 'rallies', 'pumps', 'news'])}${p(TAILS)}`,
  (p) => `${p(ASSETS)} ${p(['funding rates', 'open interest', 'long/short ratio', 'ETF inflows', 'exchange outflows'])} ${p(['hit record high', 'hit record low', 'flip negative', 'spike', 'cool off'])}${p(TAILS)}`,
  (p) => `${p(['Good', 'Great', 'Terrible', 'Awful', 'Mixed', 'Strong', 'Weak'])} ${p(['earnings', 'results', 'jobs data', 'CPI print', 'guidance'])} ${p(['lift', 'sink', 'rattle', 'boost', 'hit'])} ${p(ASSETS)}${p(TAILS)}`,
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` headlines, the same for the same seed. */
export function generateHeadlines(count: number, seed = 16): string[] {
  const random = mulberry32(seed);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(TEMPLATES)(pick));
  return out;
}
