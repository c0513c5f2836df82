/**
 * The constants of VADER's rules (Hutto & Gilbert 2014), as the `vader-sentiment` package (our peer,
 * whose scores we match to 1e-4) applies them. The empirically derived increments are the paper's.
 */

/** A booster ("very") adds, a dampener ("slightly") subtracts, this much from the next sentiment word. */
export const B_INCR = 0.293;
export const B_DECR = -0.293;
/** An ALL-CAPS sentiment word in mixed-case text gains this much. */
export const C_INCR = 0.733;
/** A negated sentiment word is multiplied by this (flipped and damped). */
export const N_SCALAR = -0.74;
/** Per '!' (at most 4 count). */
export const EXCLAMATION_INCR = 0.292;
/** Per '?' when there are 2 or 3; 4 or more give QUESTION_MAX. */
export const QUESTION_INCR = 0.18;
export const QUESTION_MAX = 0.96;
/** compound = sum / sqrt(sum² + ALPHA). */
export const NORMALIZE_ALPHA = 15;

/**
 * Punctuation that is stripped from a token's start or end when it is exactly one of these runs
 * ("good!!!" -> "good", but "good!!!!" stays as it is: VADER's quirk, kept).
 */
export const PUNCTUATION_RUNS: ReadonlySet<string> = new Set([
  '.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?',
]);

/** Negation words, matched case-sensitively (as VADER does); any token containing "n't" negates too. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't",
  "couldn't", "daren't", "didn't", "doesn't", 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt',
  'neither', "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", 'neednt', "needn't", 'never',
  'none', 'nope', 'nor', 'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
  "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt', "won't",
  "wouldn't", 'rarely', 'seldom', 'despite',
]);

const boosters = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerably', 'decidedly', 'deeply', 'effing',
  'enormously', 'entirely', 'especially', 'exceptionally', 'extremely', 'fabulously', 'flipping', 'flippin',
  'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fucking', 'greatly', 'hella', 'highly', 'hugely',
  'incredibly', 'intensely', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really',
  'remarkably', 'so', 'substantially', 'thoroughly', 'totally', 'tremendously', 'uber', 'unbelievably',
  'unusually', 'utterly', 'very',
];
const dampeners = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less', 'little',
  'marginally', 'occasionally', 'partly', 'scarcely', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof',
  'sort-of',
];

/**
 * Degree adverbs, lower case -> scalar. The two-word ones ("kind of", "sort of", "just enough") can never
 * be one token; VADER consults them only in its idiom check (see scorer.ts).
 */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...boosters.map((w) => [w, B_INCR] as const),
  ...dampeners.map((w) => [w, B_DECR] as const),
]);

/** Idioms whose valence replaces the word's, matched case-sensitively on the words as written. */
export const IDIOMS: ReadonlyMap<string, number> = new Map([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['yeah right', -2],
  ['cut the mustard', 2],
  ['kiss of death', -1.5],
  ['hand to mouth', -2],
]);
