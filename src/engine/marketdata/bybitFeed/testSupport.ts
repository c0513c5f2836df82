/** For tests only: the loopback Bybit v5 public WebSocket server (see bybitLoopback.fixture.ts). */
export { BybitLoopback, startBybitLoopback, type BybitLoopbackOptions, type LoopbackBookInit, type LoopbackLevels, type ReceivedRequest } from './bybitLoopback.fixture';
