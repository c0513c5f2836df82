export { OptionChains, type ChainMarket, type ChainRequest, type OptionChainsDeps } from './optionChains';
export { CHAIN_CONVENTIONS, type ChainConventions, type ChainRowView, type ChainSideView, type OptionChainView, type OptionGreeksView, type OptionUnderlyingView } from './chainView';
export { CHAIN_VIEW_TTL_MS, ChainViewers } from './chainViewers';
export { groupKeyOf, INDEX_OF_OPTIONS, isOption, OptionIndex, type UnderlyingKind } from './underlyings';
